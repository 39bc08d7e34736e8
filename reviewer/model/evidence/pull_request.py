"""The pull request under review, as the scenario file or the GitHub API describes it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

# GitHub's issue and PR numbers are 32-bit, and so is the store's INTEGER column on PostgreSQL: a
# larger number is a bad request, never a database error.
MAX_PR_NUMBER = 2**31 - 1
OUT_OF_RANGE = f"a pull request's number is a whole number from 1 to {MAX_PR_NUMBER}"


def pr_number_problem(value: object) -> str | None:
    """Why `value` cannot be a pull request's number (what is wrong, never the value itself: a
    delivery may carry thousands of digits), or None when it can. `true` is an int to Python, not
    to GitHub."""
    if not isinstance(value, int) or isinstance(value, bool):
        return "the pull request has no number"
    return None if 0 < value <= MAX_PR_NUMBER else OUT_OF_RANGE


class PullRequest(BaseModel):
    repo: str
    # 0 stands for no pull request: a registry move the admission gate judges on its own.
    number: int = Field(ge=0, le=MAX_PR_NUMBER)
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
