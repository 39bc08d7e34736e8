"""A review input: what a source hands the review, with sources that honour the small protocols."""

from __future__ import annotations

from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.review_input import (
    NO_NAMED_MODEL,
    ArtifactUnavailable,
    RegistrySource,
    ReviewInput,
    TicketSource,
)
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef


class NoTickets:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def fetch(self, ref: TicketRef) -> Ticket:
        self.asked.append(ref.key)
        raise ArtifactUnavailable(f"ticket {ref.key} is private")


class SharedRegistry:
    """A registry shared beyond the repository: it refuses to list what it holds."""

    def load(self, model_names: list[str]) -> Registry:
        if not model_names:
            raise ArtifactUnavailable(NO_NAMED_MODEL)
        return Registry(source="https://mlflow.acme.internal")


def review_input(**extra: object) -> ReviewInput:
    empty = MemorySnapshot({})
    return ReviewInput(pull_request=PullRequest(repo="acme/ml", number=4, body="Fixes #12"), base=empty,
                       head=empty, diff=Diff(), **extra)  # type: ignore[arg-type]


def test_an_input_starts_with_no_sources_gaps_or_packs_and_lists_are_not_shared() -> None:
    one, two = review_input(), review_input()
    one.skipped.append(Skipped(what="x", why="y"))
    assert two.skipped == [] and two.org_packs == []
    assert (one.tickets, one.registry, one.deployed, one.config_text) == (None, None, None, None)


def test_sources_that_refuse_are_reported_as_gaps_with_their_own_words() -> None:
    tickets: TicketSource = NoTickets()
    registry: RegistrySource = SharedRegistry()
    evidence = gather(review_input(tickets=tickets, registry=registry,
                                   skipped=[Skipped(what="diff", why="truncated by GitHub")]))
    assert tickets.asked == ["12"]  # type: ignore[attr-defined]
    reasons = {s.what: s.why for s in evidence.skipped}
    assert reasons["ticket 12"] == "ticket 12 is private"
    assert reasons["model registry"] == NO_NAMED_MODEL
    assert reasons["diff"] == "truncated by GitHub"  # the source's own gaps come first and stay
