"""The pull request under review, as the scenario file or the GitHub API describes it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class PullRequest(BaseModel):
    repo: str
    number: int
    title: str = ""
    body: str = ""
    author: str = ""
    base_branch: str = "main"
    head_branch: str = ""
    labels: list[str] = Field(default_factory=list)
    milestone: str | None = None
    created_at: datetime | None = None
    merged_at: datetime | None = None
    head_sha: str | None = None
    base_sha: str | None = None
    html_url: str | None = None
