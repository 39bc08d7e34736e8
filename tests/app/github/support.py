"""What the GitHub App tests share: the example PR, fast PyGithub options, jobs and summaries."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.standin import World
from custody.reviewer.outcome.markdown import MARKER

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "churn-retrain"
REPO, NUMBER = "acme/churn-model", 42
FAST = {"seconds_between_requests": None, "seconds_between_writes": None, "retry": None}


def job(world: World, **extra: object) -> ReviewJob:
    fields: dict[str, object] = {"head_sha": world.pull_request_info(REPO, NUMBER)["head_sha"], **extra}
    return ReviewJob(installation_id=5, repo=REPO, number=NUMBER, delivery_id="d", **fields)  # type: ignore[arg-type]


def command(world: World, line: str, by: str = "lead") -> ReviewJob:
    return job(world, trigger="command", head_sha="", requested_by=by, command=line)


def summaries(world: World) -> list[dict[str, object]]:
    repo = world.repo(REPO)
    assert repo is not None
    return [c for c in repo.comments if MARKER in str(c["body"])]


def replies(world: World) -> list[str]:
    """The comments on the PR other than the summary: what commands answered."""
    repo = world.repo(REPO)
    assert repo is not None
    return [str(c["body"]) for c in repo.comments if "custody:summary" not in str(c["body"])]
