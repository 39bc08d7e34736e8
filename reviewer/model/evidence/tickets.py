"""Intent from trackers: linked ticket references and the tickets read behind them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Tracker = Literal["github", "jira", "markdown"]


class TicketRef(BaseModel):
    """A ticket the PR links, and where the link was found (title, body, branch)."""

    key: str  # "17", "acme/other#17" or "ABC-123"
    tracker: Literal["github", "jira"]
    found_in: str
    closing: bool = False


class Criterion(BaseModel):
    text: str
    locator: str
    checked: bool | None = None  # a checklist item's box: ticked, empty, or no box at all
    prose: bool = False  # read from a ticket's prose (no list of criteria): weak, judged only on what it names


class Ticket(BaseModel):
    key: str
    tracker: Tracker
    title: str
    body: str = ""
    url: str | None = None
    source: str  # file path or API URL it was read from
    body_line: int = 1  # the line of its file where the body starts (a Markdown ticket's title comes first)
    state: str | None = None
    labels: list[str] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
