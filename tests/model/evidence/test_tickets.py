"""Ticket types: references from the PR, the tickets behind them and their criteria."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.tickets import Criterion, Ticket, TicketRef
from pydantic import BaseModel, ValidationError


def test_a_ticket_with_criteria_round_trips_and_a_criterion_may_have_no_box() -> None:
    ticket = Ticket(key="MLOPS-142", tracker="jira", title="Retrain fraud model on 2025Q1",
                    source="https://acme.atlassian.net/rest/api/3/issue/MLOPS-142", state="In Progress",
                    criteria=[Criterion(text="val_auc >= 0.91", locator="MLOPS-142#ac-1", checked=True),
                              Criterion(text="card updated", locator="MLOPS-142#ac-2")])
    assert ticket.criteria[1].checked is None
    assert Ticket.model_validate_json(ticket.model_dump_json()) == ticket


def test_a_reference_is_not_closing_unless_said() -> None:
    ref = TicketRef(key="acme/other#17", tracker="github", found_in="body")
    assert ref.closing is False


@pytest.mark.parametrize(("model", "fields"), [
    (TicketRef, {"key": "17", "tracker": "markdown", "found_in": "body"}),  # markdown tickets are files, never links
    (Ticket, {"key": "17", "tracker": "linear", "title": "x", "source": "s"}),
    (Ticket, {"key": "17", "tracker": "github", "source": "s"}),
    (Criterion, {"text": "x"}),
])
def test_unknown_trackers_and_missing_fields_are_refused(model: type[BaseModel], fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(fields)
