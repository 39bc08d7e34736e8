"""AgentResult: what an agent hands on survives the JSON verdict and refuses malformed parts."""

from __future__ import annotations

import pytest
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence.common import Citation, Degraded, Skipped
from custody.reviewer.model.findings import Finding
from pydantic import ValidationError


def test_a_fresh_result_has_empty_lists_that_are_not_shared() -> None:
    first, second = AgentResult(agent="card"), AgentResult(agent="card")
    first.checked.append("card.exists")
    assert second.checked == []
    assert (first.findings, first.skipped, first.degraded) == ([], [], [])


def test_a_full_result_round_trips_through_json() -> None:
    finding = Finding(kind="card.metric", agent="card", rule="card.metric-matches-run", severity="high",
                      subject="val_auc", message="card says 0.91, run logged 0.87",
                      citations=[Citation(artifact="model_card", locator="MODEL_CARD.md#L12")])
    result = AgentResult(agent="card", findings=[finding], checked=["card.metric-matches-run"],
                         skipped=[Skipped(what="card.dataset", why="no dataset named")],
                         degraded=[Degraded(what="rule card.x", why="bad CEL", where="custody.yml:4")])
    again = AgentResult.model_validate_json(result.model_dump_json())
    assert again == result
    assert again.findings[0].fingerprint == finding.fingerprint


def test_an_agent_name_is_required_and_skips_must_say_why() -> None:
    with pytest.raises(ValidationError, match="agent"):
        AgentResult.model_validate({"checked": []})
    with pytest.raises(ValidationError, match="why"):
        AgentResult.model_validate({"agent": "scope", "skipped": [{"what": "tickets"}]})
