"""Custody edits and trusts only comments its own App wrote.

The attack (issue 15, Medium 3): anyone could paste the hidden summary marker into a comment and
have Custody edit *their* comment (owning the summary), and a PR author could paste inline-finding
markers to stop Custody from posting those findings on the diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin import responses as r
from custody.reviewer.app.store import Store
from custody.reviewer.outcome.markdown import MARKER
from custody.reviewer.settings import Settings

from tests.app.github.support import FAST, NUMBER, REPO, job


def by_someone(world: World, login: str, body: str) -> dict[str, Any]:
    repo = world.repo(REPO)
    assert repo is not None
    comment = r.issue_comment(repo, NUMBER, world.new_id(), body, login, "2026-01-01T00:00:00Z")
    repo.comments.append(comment)
    return comment


def test_a_marker_in_someone_elses_comment_is_not_taken_over(world: World, standin: StandIn,
                                                              settings: Settings, store: Store) -> None:
    forged = by_someone(world, "alice", f"{MARKER}\nCustody: no findings, merge away.")
    handle_job(job(world), settings, store, **FAST)
    assert forged["body"].endswith("merge away.")  # never edited
    repo = world.repo(REPO)
    assert repo is not None
    ours = [c for c in repo.comments if MARKER in c["body"] and c["user"]["login"] == world.app_login]
    assert len(ours) == 1 and ours[0]["id"] != forged["id"]
    assert ours[0]["user"]["type"] == "Bot" and ours[0]["performed_via_github_app"]["slug"] == world.app_slug
    handle_job(job(world), settings, store, **FAST)  # and the App's own comment is the one edited again
    assert len([c for c in repo.comments if c["user"]["login"] == world.app_login]) == 1


def test_pasted_finding_markers_do_not_suppress_inline_comments(world: World, standin: StandIn, settings: Settings,
                                                                 store: Store, tmp_path: Path) -> None:
    handle_job(job(world), settings, store, **FAST)
    repo = world.repo(REPO)
    assert repo is not None
    posted = [dict(c) for c in repo.review_comments]
    assert posted
    world.reset()
    for comment in posted:  # the PR author pastes every marker into review comments of their own
        repo.review_comments.append({**comment, "id": world.new_id(), "user": r.user("alice")})
    # A store that remembers nothing of this PR (as after an upgrade): what is on GitHub is read.
    forgetful = Store(f"sqlite:///{tmp_path / 'forgetful.db'}")
    forgetful.upgrade()
    handle_job(job(world), settings, forgetful, **FAST)
    forgetful.close()
    ours = [c for c in repo.review_comments if c["user"]["login"] == world.app_login]
    assert sorted(c["body"] for c in ours) == sorted(c["body"] for c in posted)
