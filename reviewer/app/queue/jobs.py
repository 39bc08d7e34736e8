"""What crosses the queue: ids only, never tokens; the worker mints its own credentials."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Trigger = Literal["pull_request", "command", "rerequest", "manual", "admission"]


class Admission(BaseModel):
    """A registry event that may admit a version to production: ids only, read again in the worker."""

    event: str  # MLflow's entity.action, e.g. model_version_alias.created
    model: str  # the registered model
    version: str
    alias: str
    moved_at: str | None = None  # when the registry says it happened (its delivery timestamp)


class ReviewJob(BaseModel):
    installation_id: int
    repo: str  # owner/name
    number: int
    head_sha: str  # "" means: resolve the PR's current head in the worker (comments carry no head sha)
    delivery_id: str
    base_sha: str = ""  # the base the delivery announced; "" when unknown (never counted as reviewed)
    trigger: Trigger = "pull_request"
    requested_by: str | None = None  # the commenter, for /custody commands
    command: str | None = None  # the comment's first line, for /custody commands
    admission: Admission | None = None  # for "admission" jobs: repo is `mlflow:<model>`, number 0
    # Commenters whose `/custody review` was folded into this queued review instead of queuing a
    # second review of the same work: each is answered as their own command would be, and when one
    # may ask, the review runs even if its head and base were reviewed already.
    asked_by: list[str] = []

    @property
    def pr_key(self) -> str:
        return f"{self.repo}#{self.number}"


class JobCannotSucceed(Exception):
    """Retrying cannot help: GitHub refused the installation, the repository or the pull request
    for good (uninstalled, deleted, access withdrawn). The worker finishes the delivery as failed
    with this reason instead of letting the queue retry it."""
