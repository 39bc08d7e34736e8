"""The publisher: what could not run opens the check run's summary as it opens the comment; with the
store's memory it writes only what changed, and a create whose answer was lost is not made twice."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from custody.reviewer.app.github.publisher import GitHubPublisher
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Degraded
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.findings import Coverage, Risk, Verdict
from custody.reviewer.outcome.markdown import render_comment


class Repo:
    def __init__(self) -> None:
        self.runs: list[dict[str, Any]] = []

    def create_check_run(self, **kwargs: Any) -> SimpleNamespace:
        self.runs.append(kwargs)
        return SimpleNamespace(id=len(self.runs))


def verdict() -> Verdict:
    return Verdict(conclusion="neutral", risk=Risk(), findings=[], coverage=Coverage(), degraded=[
        Degraded(what="override of rule hygiene.unpinned-dependency", why="parameter `min_pinned_share`: not a number",
                 where=".github/custody.yml:4")])


def test_the_check_run_and_the_comment_open_with_the_same_banner() -> None:
    repo = Repo()
    GitHubPublisher(repo, None, "abc", "custody[bot]").publish_check_run(verdict())  # type: ignore[arg-type]
    (run,) = repo.runs
    assert run["conclusion"] == "neutral"
    summary = run["output"]["summary"]
    line = ("> - override of rule hygiene.unpinned-dependency (.github/custody.yml:4): parameter "
            "`min_pinned_share`: not a number")
    assert summary.startswith("> [!WARNING]\n> **Not everything configured was checked** (1 problem)")
    assert line in summary
    comment = render_comment(verdict(), Evidence(pull_request=PullRequest(repo="o/r", number=1)))
    assert line in comment.split("## ", 1)[0]


def test_no_banner_when_everything_ran() -> None:
    repo = Repo()
    clean = verdict().model_copy(update={"degraded": [], "conclusion": "success"})
    GitHubPublisher(repo, None, "abc", "custody[bot]").publish_check_run(clean)  # type: ignore[arg-type]
    assert "WARNING" not in repo.runs[0]["output"]["summary"]
    assert "WARNING" not in render_comment(clean, Evidence(pull_request=PullRequest(repo="o/r", number=1)))
