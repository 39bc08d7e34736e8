"""Response bodies: GitHub's recorded bodies with the world's facts written in, and nothing of the recording left."""

from __future__ import annotations

import base64
import json

import pytest
from custody.reviewer.app.standin import responses as r
from custody.reviewer.app.standin.world import PullRequestState, RepoState, tree_sha

BASE = {"train.py": b"split(x)\n", "logo.png": b"\x89PNG"}
HEAD = {"train.py": b"split(x, random_state=7)\nfit()\n", "params.yaml": b"seed: 7\n", "logo.png": b"\x89PNG"}


@pytest.fixture()
def repo() -> RepoState:
    return RepoState("acme/churn", 900_000_001, 5, trees={tree_sha(BASE): BASE, tree_sha(HEAD): HEAD})


@pytest.fixture()
def pr() -> PullRequestState:
    return PullRequestState(number=42, title="Retrain churn", body="Closes ML-7", author="ana", base_ref="main",
                            head_ref="retrain", base_sha=tree_sha(BASE), head_sha=tree_sha(HEAD),
                            labels=["retrain", "ml"], milestone="Sprint 46", created_at="2026-11-02T09:30:00Z")


def leftovers(body: object) -> bool:
    """Does the recording's own repository, or its PR number, still show?"""
    text = json.dumps(body)
    return "sigmavirus24/github3.py" in text or "westphahl/github3.py" in text or "/pulls/235" in text


def test_templates_are_cached_but_every_fresh_copy_is_the_callers_own() -> None:
    assert r.template("pulls.get.json") is r.template("pulls.get.json")
    mine = r.fresh("pulls.get.json")
    mine["title"] = "changed"
    assert r.fresh("pulls.get.json")["title"] != "changed"


def test_rebase_points_every_api_url_at_the_stand_in() -> None:
    body = {"url": "https://api.github.com/repos/a/b", "nested": [{"html_url": "https://github.com/a/b"}]}
    assert r.rebase(body, "http://127.0.0.1:8123/") == {
        "url": "http://127.0.0.1:8123/repos/a/b", "nested": [{"html_url": "https://github.com/a/b"}]}


def test_users_are_people_or_bots_by_their_login() -> None:
    assert (r.user("ana")["login"], r.user("ana")["type"]) == ("ana", "User")
    assert r.user("custody[bot]")["type"] == "Bot"
    assert r.user("ana")["html_url"] == "https://github.com/ana"


def test_a_pull_request_carries_the_worlds_facts_and_its_diffs_sizes(repo: RepoState, pr: PullRequestState) -> None:
    body = r.pull(repo, pr)
    assert (body["number"], body["title"], body["body"], body["state"], body["merged"]) == (
        42, "Retrain churn", "Closes ML-7", "open", False)
    assert (body["head"]["sha"], body["head"]["ref"], body["head"]["label"]) == (pr.head_sha, "retrain",
                                                                                  "acme:retrain")
    assert body["base"]["repo"]["full_name"] == "acme/churn" and body["base"]["repo"]["private"] is True
    assert [label["name"] for label in body["labels"]] == ["retrain", "ml"]
    assert body["milestone"]["title"] == "Sprint 46" and body["user"]["login"] == "ana"
    assert (body["changed_files"], body["additions"], body["deletions"]) == (2, 3, 1)
    assert body["url"].endswith("/repos/acme/churn/pulls/42") and not leftovers(body)
    pr.merged_at = "2026-11-05T17:00:00Z"
    assert (r.pull(repo, pr)["state"], r.pull(repo, pr)["merged"]) == ("closed", True)


def test_every_pull_request_is_also_an_issue(repo: RepoState, pr: PullRequestState) -> None:
    body = r.pull_as_issue(repo, pr, comments=3)
    assert (body["number"], body["title"], body["comments"], body["closed_at"]) == (42, "Retrain churn", 3, None)
    assert "pull_request" in body and "body_html" not in body and not leftovers(body)


def test_content_is_base64_with_gits_blob_sha(repo: RepoState) -> None:
    body = r.content(repo, "conf/params.yaml", "retrain", b"hello\n")
    assert body["sha"] == "ce013625030ba8dba906f756967f9e9ca394464a"  # `git hash-object` of "hello\n"
    assert base64.b64decode(body["content"]) == b"hello\n" and body["encoding"] == "base64"
    assert (body["name"], body["path"], body["size"], body["type"]) == ("params.yaml", "conf/params.yaml", 6, "file")
    assert body["url"] == "https://api.github.com/repos/acme/churn/contents/conf/params.yaml?ref=retrain"


def test_the_app_record_names_its_slug(repo: RepoState) -> None:
    body = r.app(77, "custody-staging")
    assert (body["id"], body["slug"], body["html_url"]) == (77, "custody-staging",
                                                            "https://github.com/apps/custody-staging")


def test_comments_reviews_and_check_runs_are_the_writes_as_made(repo: RepoState, pr: PullRequestState) -> None:
    comment = r.issue_comment(repo, 42, 1001, "<!-- custody -->", "custody[bot]", "2026-11-02T10:00:00Z",
                              via_app={"slug": "custody"})
    assert (comment["id"], comment["body"], comment["user"]["type"]) == (1001, "<!-- custody -->", "Bot")
    assert comment["html_url"] == "https://github.com/acme/churn/pull/42#issuecomment-1001"
    assert comment["performed_via_github_app"] == {"slug": "custody"}
    run = {"id": 7, "name": "Custody", "head_sha": pr.head_sha, "status": "completed", "conclusion": "failure",
           "output": {"title": "1 blocking", "summary": "s"}, "annotations": [{}, {}]}
    check = r.check_run(repo, run)
    assert (check["conclusion"], check["output"]["annotations_count"], check["output"]["text"]) == ("failure", 2, None)
    assert check["url"].endswith("/repos/acme/churn/check-runs/7") and not leftovers(check)
    states = {event: r.review(repo, pr, 9, event, "body", "custody[bot]")["state"]
              for event in ("COMMENT", "APPROVE", "REQUEST_CHANGES", "")}
    assert states == {"COMMENT": "COMMENTED", "APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED",
                      "": "PENDING"}
    inline = r.review_comment(repo, pr, 55, 9, {"path": "train.py", "body": "seed it", "line": 1}, "custody[bot]",
                              "2026-11-02T10:00:00Z")
    assert (inline["path"], inline["line"], inline["side"], inline["commit_id"]) == ("train.py", 1, "RIGHT",
                                                                                     pr.head_sha)
    assert inline["pull_request_review_id"] == 9 and inline["html_url"].endswith("/pull/42#discussion_r55")
