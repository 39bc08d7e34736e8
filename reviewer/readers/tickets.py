"""Tickets: find the ones a PR links, and read GitHub, Jira and Markdown tickets."""

from __future__ import annotations

from custody.reviewer.evidence.pull_request import PullRequest
from custody.reviewer.evidence.tickets import Ticket, TicketRef
from custody.reviewer.repo_config import RepoConfig
from custody.reviewer.review_input import ArtifactUnavailable


def link_tickets(pr: PullRequest, config: RepoConfig) -> list[TicketRef]:
    return []


def read_ticket_file(name: str, data: bytes, ref: TicketRef) -> Ticket:
    raise ArtifactUnavailable(f"{name}: ticket reader not available yet")
