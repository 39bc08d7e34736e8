"""The publisher: what could not run opens the check run's summary as it opens the comment; with the
store's memory it writes only what changed, and a create whose answer was lost is not made twice."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import requests
from custody.reviewer.app.github.publisher import GitHubPublisher, same_report
from custody.reviewer.app.store.pr_state import Written
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Degraded
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.findings import Coverage, Risk, Verdict
from custody.reviewer.outcome.markdown import MARKER, render_comment
from github import GithubException


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


BODY = (f"{MARKER}\n## Custody\n\n**Risk: low (10/100)** · 1 finding · head `{'a' * 7}`\n\n"
        f"[`train.py:3`](https://github.com/o/r/blob/{'a' * 40}/train.py#L3) · 1 changed file at `{'a' * 12}`")


def test_the_same_report_about_another_head_is_the_same_report() -> None:
    moved = BODY.replace("a" * 7, "b" * 7)
    assert same_report(BODY, moved)
    assert not same_report(BODY, moved.replace("1 finding", "2 findings"))
    assert same_report("no head named", "no head named") and not same_report("one", "two")


class Memory:
    """Records what the publisher tells the store, in order."""

    def __init__(self, written: Written | None = None) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self._written = written or Written()

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any) -> Any:
            self.calls.append((name, args))
            return (False, None) if name == "check_run_creating" else None
        return record

    def written(self, repo: str, number: int) -> Written:
        return self._written


class Pr:
    """A pull request whose comment create is performed by GitHub but whose answer is lost."""

    number = 7

    def __init__(self, error: Exception) -> None:
        self.error, self.created, self.listed = error, [], 0
        self.comments: list[SimpleNamespace] = []

    def get_issue_comments(self) -> list[SimpleNamespace]:
        self.listed += 1
        return self.comments

    def create_issue_comment(self, body: str) -> SimpleNamespace:
        bot = SimpleNamespace(type="Bot", login="custody[bot]")
        self.comments.append(SimpleNamespace(id=41, body=body, user=bot))
        self.created.append(body)
        raise self.error


def test_a_lost_create_is_looked_for_and_adopted_not_sent_again() -> None:
    memory, pr = Memory(), Pr(requests.ConnectionError("Remote end closed connection without response"))
    repo = SimpleNamespace(full_name="o/r")
    GitHubPublisher(repo, pr, "a" * 40, "custody[bot]", memory=memory).upsert_summary(BODY)  # type: ignore[arg-type]
    assert len(pr.created) == 1 and pr.listed == 2  # looked before (nothing), and after the lost answer
    assert memory.calls == [("comment_creating", ("o/r", 7)), ("comment_written", ("o/r", 7, 41))]


def test_a_refused_create_is_not_looked_for() -> None:
    memory, pr = Memory(), Pr(GithubException(422, {"message": "Validation Failed"}, {}))
    with pytest.raises(GithubException):
        GitHubPublisher(SimpleNamespace(full_name="o/r"), pr, "a" * 40, "custody[bot]",  # type: ignore[arg-type]
                        memory=memory).upsert_summary(BODY)
    assert pr.listed == 1  # the look before the create only
    assert memory.calls == [("comment_creating", ("o/r", 7))]  # still marked: the next attempt looks
