"""The pull request under review, as the scenario file or the GitHub API describes it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

# GitHub's issue and PR numbers are 32-bit, and so is the store's INTEGER column on PostgreSQL: a
# larger number is a bad request, never a database error.
MAX_PR_NUMBER = 2**31 - 1


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
