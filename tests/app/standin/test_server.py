"""The stand-in over HTTP, driven by PyGithub itself: reads, writes, GitHub's limits and the write log."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.world import Fault, PullRequestState, RepoState, tree_sha
from custody.reviewer.gather.snapshot import blob_sha
from github import Auth, Github, GithubException, UnknownObjectException
from github.PullRequest import PullRequest, ReviewComment
from github.Repository import Repository
from unidiff.patch import PatchSet

pytestmark = pytest.mark.slow
TINY = Path(__file__).parent / "data" / "tiny"
DIFF = {"Accept": "application/vnd.github.diff", "Authorization": "token x"}


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn(World.from_scenario(TINY)) as running:
        yield running


def gh(standin: StandIn, per_page: int = 30) -> Github:
    return Github(base_url=standin.base_url, auth=Auth.Token("x"), per_page=per_page,
                  seconds_between_requests=None, seconds_between_writes=None, retry=None)


def repo_of(standin: StandIn) -> Repository:
    return gh(standin).get_repo("acme/churn-model")


def pull_of(standin: StandIn) -> PullRequest:
    return repo_of(standin).get_pull(42)


def world_with(files: int) -> World:
    base = {"README.md": b"# r\n"}
    head = {**base, **{f"data/f{i:03}.txt": f"line {i}\n".encode() for i in range(files)}}
    repo = RepoState(full_name="acme/big", id=1, installation_id=1,
                     trees={tree_sha(base): base, tree_sha(head): head})
    repo.pulls[1] = PullRequestState(number=1, title="t", body="", author="a", base_ref="main", head_ref="x",
                                     base_sha=tree_sha(base), head_sha=tree_sha(head))
    return World(repos={"acme/big": repo})


def test_starts_on_an_ephemeral_loopback_port() -> None:
    with StandIn(World()) as first, StandIn(World()) as second:
        assert first.base_url.startswith("http://127.0.0.1:") and first.base_url != second.base_url


def test_get_repository(standin: StandIn) -> None:
    repo = repo_of(standin)
    assert (repo.full_name, repo.name, repo.owner.login, repo.default_branch) == (
        "acme/churn-model", "churn-model", "acme", "main")
    assert repo.url == f"{standin.base_url}/repos/acme/churn-model"  # api.github.com rewritten


def test_get_pull_request(standin: StandIn) -> None:
    pr = pull_of(standin)
    state = standin.world.repos["acme/churn-model"].pulls[42]
    assert (pr.number, pr.title, pr.user.login, pr.state, pr.draft) == (
        42, "Retrain churn model on Q3 data", "alice", "open", False)
    assert (pr.head.ref, pr.head.sha, pr.base.ref, pr.base.sha) == (
        "feature/q3-retrain", state.head_sha, "main", state.base_sha)
    assert [label.name for label in pr.labels] == ["ml"] and pr.milestone.title == "Sprint 14"
    assert (pr.changed_files, pr.additions, pr.deletions) == (4, 5, 2)
    assert pr.body.startswith("Closes #17.")


def test_list_files_with_patches_and_no_patch_for_binaries(standin: StandIn) -> None:
    files = {f.filename: f for f in pull_of(standin).get_files()}
    assert {name: f.status for name, f in files.items()} == {
        "MODEL_CARD.md": "added", "params.yaml": "removed", "roc.png": "added", "src/train.py": "modified"}
    assert files["roc.png"].patch is None
    assert files["src/train.py"].patch.startswith("@@ -1,7 +1,8 @@")
    assert "+    rows = [r for r in rows if r]" in files["src/train.py"].patch
    assert (files["src/train.py"].additions, files["src/train.py"].deletions) == (2, 1)


def test_files_are_paginated_with_link_headers() -> None:
    with StandIn(world_with(7)) as standin:
        pr = gh(standin, per_page=3).get_repo("acme/big").get_pull(1)
        names = [f.filename for f in pr.get_files()]
        url = f"{standin.base_url}/repos/acme/big/pulls/1/files"
        page2 = requests.get(url, params={"per_page": 3, "page": 2}, timeout=5)
        page3 = requests.get(url, params={"per_page": 3, "page": 3}, timeout=5)
    assert names == [f"data/f{i:03}.txt" for i in range(7)]
    assert [f["filename"] for f in page2.json()] == ["data/f003.txt", "data/f004.txt", "data/f005.txt"]
    assert 'page=3>; rel="next"' in page2.headers["Link"] and 'page=3>; rel="last"' in page2.headers["Link"]
    assert len(page3.json()) == 1 and "Link" not in page3.headers


def test_contents_at_a_ref_and_github_shaped_404(standin: StandIn) -> None:
    repo = repo_of(standin)
    state = standin.world.repos["acme/churn-model"].pulls[42]
    head = repo.get_contents("src/train.py", ref=state.head_sha)
    base = repo.get_contents("src/train.py", ref=state.base_sha)
    by_branch = repo.get_contents("src/train.py", ref="feature/q3-retrain")
    assert not isinstance(head, list) and not isinstance(base, list) and not isinstance(by_branch, list)
    assert head.decoded_content == (TINY / "head" / "src" / "train.py").read_bytes() == by_branch.decoded_content
    assert base.decoded_content == (TINY / "base" / "src" / "train.py").read_bytes()
    assert head.encoding == "base64" and head.path == "src/train.py"
    with pytest.raises(UnknownObjectException) as missing:
        repo.get_contents("params.yaml", ref=state.head_sha)
    assert missing.value.status == 404 and missing.value.data["message"] == "Not Found"


def test_git_tree_and_issue(standin: StandIn) -> None:
    repo = repo_of(standin)
    sha = standin.world.repos["acme/churn-model"].pulls[42].head_sha
    tree = repo.get_git_tree(sha, recursive=True)
    assert sorted(e.path for e in tree.tree) == ["MODEL_CARD.md", "roc.png", "src/train.py"]
    issue = repo.get_issue(509)
    assert issue.number == 509 and issue.title == standin.world.repos["acme/churn-model"].issues[509]["title"]
    as_issue = repo.get_issue(42)  # every pull request is also an issue
    assert (as_issue.title, as_issue.user.login, as_issue.pull_request is not None) == (
        "Retrain churn model on Q3 data", "alice", True)
    assert as_issue.url == f"{standin.base_url}/repos/acme/churn-model/issues/42"


def test_create_and_edit_an_issue_comment_are_recorded_in_order(standin: StandIn) -> None:
    issue = repo_of(standin).get_issue(42)
    comment = issue.create_comment("<!-- custody -->\nfirst")
    comment.edit("<!-- custody -->\nsecond")
    listed = list(issue.get_comments())
    assert [c.body for c in listed] == ["<!-- custody -->\nsecond"] and listed[0].id == comment.id
    assert [(w["method"], w["path"], w["body"], w["token"]) for w in standin.writes] == [
        ("POST", "/repos/acme/churn-model/issues/42/comments", {"body": "<!-- custody -->\nfirst"}, "x"),
        ("PATCH", f"/repos/acme/churn-model/issues/comments/{comment.id}", {"body": "<!-- custody -->\nsecond"},
         "x"),
    ]


def test_comment_limit_is_65536_characters(standin: StandIn) -> None:
    issue = repo_of(standin).get_issue(42)
    issue.create_comment("a" * 65_536)
    with pytest.raises(GithubException) as too_long:
        issue.create_comment("a" * 65_537)
    assert too_long.value.status == 422
    assert too_long.value.data["errors"][0]["message"] == "Body is too long (maximum is 65536 characters)"
    assert len(standin.writes) == 1


def test_check_run_with_annotations_created_then_updated(standin: StandIn) -> None:
    repo = repo_of(standin)
    sha = standin.world.repos["acme/churn-model"].pulls[42].head_sha
    note: dict[str, str | int] = {"path": "src/train.py", "start_line": 4, "end_line": 4, "annotation_level": "warning",
            "message": "unseeded"}
    run = repo.create_check_run(name="Custody", head_sha=sha, status="in_progress",
                                output={"title": "Reviewing", "summary": "...", "annotations": [note]})
    run.edit(status="completed", conclusion="failure",
             output={"title": "1 blocking finding", "summary": "done", "annotations": [note]})
    listed = requests.get(f"{standin.base_url}/repos/acme/churn-model/commits/{sha}/check-runs", timeout=5).json()
    assert (run.name, run.head_sha, run.status, run.conclusion) == ("Custody", sha, "completed", "failure")
    assert run.output.title == "1 blocking finding" and run.output.annotations_count == 2
    assert listed["total_count"] == 1 and listed["check_runs"][0]["id"] == run.id
    assert [w["method"] for w in standin.writes] == ["POST", "PATCH"]


def test_a_check_run_is_read_by_its_id(standin: StandIn) -> None:
    repo = repo_of(standin)
    sha = standin.world.repos["acme/churn-model"].pulls[42].head_sha
    run = repo.create_check_run(name="Custody", head_sha=sha, status="completed", conclusion="success",
                                output={"title": "t", "summary": "s", "text": "all good"})
    read = requests.get(f"{standin.base_url}/repos/acme/churn-model/check-runs/{run.id}", timeout=5)
    assert read.status_code == 200
    assert (read.json()["conclusion"], read.json()["output"]["text"]) == ("success", "all good")
    again = requests.get(read.url, headers={"If-None-Match": read.headers["ETag"]}, timeout=5)
    assert again.status_code == 304  # unchanged: GitHub answers a conditional read with no body
    assert requests.get(f"{standin.base_url}/repos/acme/churn-model/check-runs/9999", timeout=5).status_code == 404


def test_more_than_50_annotations_in_one_request_is_rejected(standin: StandIn) -> None:
    repo = repo_of(standin)
    sha = standin.world.repos["acme/churn-model"].pulls[42].head_sha
    notes: list[dict[str, str | int]] = [
        {"path": "src/train.py", "start_line": 1, "end_line": 1, "annotation_level": "notice", "message": str(i)}
        for i in range(51)]
    with pytest.raises(GithubException) as rejected:
        repo.create_check_run(name="Custody", head_sha=sha, output={"title": "t", "summary": "s",
                                                                      "annotations": notes})
    assert rejected.value.status == 422 and standin.writes == []
    repo.create_check_run(name="Custody", head_sha=sha, output={"title": "t", "summary": "s",
                                                                  "annotations": notes[:50]})
    assert len(standin.writes) == 1


def test_review_with_an_inline_comment_on_a_changed_line(standin: StandIn) -> None:
    pr = pull_of(standin)
    pr.create_review(body="Custody", event="COMMENT", comments=[
        {"path": "src/train.py", "line": 5, "side": "RIGHT", "body": "filters rows"},
        {"path": "src/train.py", "start_line": 4, "line": 6, "body": "a range in one hunk"},
        {"path": "params.yaml", "line": 1, "side": "LEFT", "body": "a removed line"},
    ])
    comments = list(pr.get_review_comments())
    assert [(c.path, c.line, c.body) for c in comments] == [
        ("src/train.py", 5, "filters rows"), ("src/train.py", 6, "a range in one hunk"),
        ("params.yaml", 1, "a removed line")]
    assert len(standin.writes) == 1 and standin.writes[0]["path"] == "/repos/acme/churn-model/pulls/42/reviews"


@pytest.mark.parametrize("bad", [
    {"path": "MODEL_CARD.md", "line": 99, "body": "past the end of the hunk"},
    {"path": "README.md", "line": 1, "body": "a file the PR does not change"},
    {"path": "params.yaml", "line": 1, "side": "RIGHT", "body": "a deleted file has no right side"},
    {"path": "src/train.py", "start_line": 6, "line": 5, "body": "start after end"},
    {"path": "src/train.py", "line": 5, "side": "MIDDLE", "body": "no such side"},
])
def test_one_bad_anchor_rejects_the_whole_review_and_nothing_is_recorded(standin: StandIn,
                                                                          bad: ReviewComment) -> None:
    pr = pull_of(standin)
    good: ReviewComment = {"path": "src/train.py", "line": 5, "body": "fine"}
    with pytest.raises(GithubException) as rejected:
        pr.create_review(body="Custody", event="COMMENT", comments=[good, bad])
    assert rejected.value.status == 422 and "Line could not be resolved" in str(rejected.value.data)
    assert standin.writes == [] and list(pr.get_review_comments()) == []


def test_a_range_may_not_span_two_hunks() -> None:
    base = {"a.py": "".join(f"{i}\n" for i in range(1, 41)).encode()}
    head = {"a.py": base["a.py"].replace(b"2\n", b"two\n", 1).replace(b"38\n", b"thirty-eight\n")}
    repo = RepoState(full_name="acme/two", id=1, installation_id=1,
                     trees={tree_sha(base): base, tree_sha(head): head})
    repo.pulls[1] = PullRequestState(number=1, title="t", body="", author="a", base_ref="main", head_ref="x",
                                     base_sha=tree_sha(base), head_sha=tree_sha(head))
    with StandIn(World(repos={"acme/two": repo})) as standin:
        pr = gh(standin).get_repo("acme/two").get_pull(1)
        assert len(repo.pulls[1].diff(repo).files[0].hunks) == 2
        with pytest.raises(GithubException) as rejected:
            pr.create_review(event="COMMENT", comments=[
                {"path": "a.py", "start_line": 2, "line": 38, "body": "too wide"}])
        pr.create_review(event="COMMENT", comments=[{"path": "a.py", "line": 38, "body": "ok"}])
    assert rejected.value.status == 422 and len(standin.writes) == 1


def test_the_diff_media_type_is_a_unified_diff(standin: StandIn) -> None:
    answer = requests.get(f"{standin.base_url}/repos/acme/churn-model/pulls/42", headers=DIFF, timeout=5)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/vnd.github.diff")
    patch = PatchSet(answer.text)
    assert sorted(f.path for f in patch) == ["MODEL_CARD.md", "params.yaml", "roc.png", "src/train.py"]
    assert "Binary files a/roc.png and b/roc.png differ" in answer.text
    files = {f.filename: f.patch for f in pull_of(standin).get_files()}
    assert files["src/train.py"] in answer.text  # each file's patch is its section of the diff, as on GitHub


def test_the_diff_of_more_than_300_files_is_refused_with_githubs_406() -> None:
    with StandIn(world_with(300)) as fits, StandIn(world_with(301)) as too_many:
        ok = requests.get(f"{fits.base_url}/repos/acme/big/pulls/1", headers=DIFF, timeout=5)
        refused = requests.get(f"{too_many.base_url}/repos/acme/big/pulls/1", headers=DIFF, timeout=5)
        pr = gh(too_many).get_repo("acme/big").get_pull(1)
        assert pr.changed_files == 301 and pr.get_files().totalCount == 301
    assert ok.status_code == 200 and ok.text.count("diff --git") == 300
    assert refused.status_code == 406
    assert "the diff exceeded the maximum number of files (300)" in refused.json()["message"]


def test_writes_need_a_token_and_unknown_routes_are_githubs_404(standin: StandIn) -> None:
    url = f"{standin.base_url}/repos/acme/churn-model/issues/42/comments"
    anonymous = requests.post(url, json={"body": "hi"}, timeout=5)
    unknown = requests.get(f"{standin.base_url}/repos/acme/churn-model/branches", timeout=5)
    no_repo = requests.get(f"{standin.base_url}/repos/acme/nope", timeout=5)
    assert anonymous.status_code == 401 and standin.writes == []
    assert unknown.status_code == 404 and unknown.json()["message"] == "Not Found"
    assert no_repo.status_code == 404 and "documentation_url" in no_repo.json()
    requests.post(url, json={"body": "hi"}, headers={"Authorization": "Bearer ghs_abcdefghijklmnop"}, timeout=5)
    assert standin.writes[0]["token"] == "ghs_abcdefgh"  # the token's prefix only, so logs stay harmless


def test_app_installation_and_fresh_installation_tokens(standin: StandIn) -> None:
    jwt = {"Authorization": "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig"}
    base = standin.base_url
    app = requests.get(f"{base}/app", headers=jwt, timeout=5)
    installation = requests.get(f"{base}/repos/acme/churn-model/installation", headers=jwt, timeout=5).json()
    tokens = [requests.post(f"{base}/app/installations/{installation['id']}/access_tokens", headers=jwt,
                            timeout=5).json() for _ in range(2)]
    refused = requests.post(f"{base}/app/installations/1/access_tokens", headers={"Authorization": "token x"},
                            timeout=5)
    assert app.status_code == 200 and app.json()["slug"] and installation["id"] == 1
    assert installation["account"]["login"] == "acme"
    assert installation["access_tokens_url"] == f"{base}/app/installations/1/access_tokens"
    assert all(t["token"].startswith("ghs_") and t["expires_at"].endswith("Z") for t in tokens)
    assert tokens[0]["token"] != tokens[1]["token"] and refused.status_code == 401


def test_collaborator_permission(standin: StandIn) -> None:
    repo = repo_of(standin)
    assert repo.get_collaborator_permission("alice") == "write"
    assert repo.get_collaborator_permission("mallory") == "read"


def test_faults_are_served_in_order_then_the_real_answer(standin: StandIn) -> None:
    standin.world.faults.extend([
        Fault("POST", r"/issues/\d+/comments$", 403, {"Retry-After": "7"}),
        Fault("POST", r"/issues/\d+/comments$", 502),
    ])
    url = f"{standin.base_url}/repos/acme/churn-model/issues/42/comments"
    auth = {"Authorization": "token x"}
    answers = [requests.post(url, json={"body": "hi"}, headers=auth, timeout=5) for _ in range(3)]
    assert [a.status_code for a in answers] == [403, 502, 201]
    assert answers[0].headers["Retry-After"] == "7" and "secondary rate limit" in answers[0].json()["message"]
    assert len(standin.writes) == 1


def test_write_log_and_reset_over_http(standin: StandIn) -> None:
    repo_of(standin).get_issue(42).create_comment("hello")
    log = requests.get(f"{standin.base_url}/_standin/writes", timeout=5).json()
    assert [(w["method"], w["body"]) for w in log] == [("POST", {"body": "hello"})]
    assert requests.post(f"{standin.base_url}/_standin/reset", timeout=5).status_code == 200
    assert requests.get(f"{standin.base_url}/_standin/writes", timeout=5).json() == []
    assert list(repo_of(standin).get_issue(42).get_comments()) == []


def test_a_push_is_seen_by_the_next_read(standin: StandIn) -> None:
    repo = standin.world.repos["acme/churn-model"]
    files = {**repo.trees[repo.pulls[42].head_sha], "src/extra.py": b"X = 1\n"}
    sha = standin.world.push("acme/churn-model", 42, files)
    pr = pull_of(standin)
    assert pr.head.sha == sha and "src/extra.py" in [f.filename for f in pr.get_files()]
    content = repo_of(standin).get_contents("src/extra.py", ref=sha)
    assert not isinstance(content, list) and base64.b64decode(content.content) == b"X = 1\n"


def test_the_pull_requests_of_a_commit_and_a_tree_by_branch_name(standin: StandIn) -> None:
    repo = repo_of(standin)
    head = pull_of(standin).head.sha
    listed = requests.get(f"{standin.base_url}/repos/acme/churn-model/commits/{head}/pulls",
                          headers={"Authorization": "token x"}, timeout=5)
    assert listed.status_code == 200 and [p["number"] for p in listed.json()] == [42]
    elsewhere = requests.get(f"{standin.base_url}/repos/acme/churn-model/commits/{'0' * 40}/pulls",
                             headers={"Authorization": "token x"}, timeout=5)
    assert elsewhere.json() == []
    assert repo.get_git_tree("main").tree  # a branch name reads the tree of its newest commit


def test_create_an_issue_is_recorded_and_readable(standin: StandIn) -> None:
    repo = repo_of(standin)
    issue = repo.create_issue(title="@champion moved", body="the gate fails")
    assert issue.number == 510 and issue.pull_request is None  # after every issue and PR, as on GitHub
    again = repo.get_issue(issue.number)
    assert (again.title, again.body, again.user.login) == ("@champion moved", "the gate fails", "custody[bot]")
    assert [w["path"] for w in standin.writes][-1] == "/repos/acme/churn-model/issues"
    with pytest.raises(GithubException) as refused:
        repo.create_issue(title="")
    assert refused.value.status == 422


def test_etags_answer_an_unchanged_resource_with_304_and_no_body(standin: StandIn) -> None:
    url = f"{standin.base_url}/repos/acme/churn-model/pulls/42"
    first = requests.get(url, headers={"Authorization": "token x"}, timeout=5)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag.startswith('W/"')
    again = requests.get(url, headers={"Authorization": "token x", "If-None-Match": etag}, timeout=5)
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
    diff = requests.get(url, headers={**DIFF, "If-None-Match": etag}, timeout=5)  # another representation
    assert diff.status_code == 200 and diff.headers["ETag"] != etag
    standin.world.repos["acme/churn-model"].pulls[42].title = "Retitled"
    changed = requests.get(url, headers={"Authorization": "token x", "If-None-Match": etag}, timeout=5)
    assert changed.status_code == 200 and changed.json()["title"] == "Retitled"
    assert standin.counts() == {"requests": 4, "with_body": 3, "reads_with_body": 3, "not_modified": 1, "writes": 0}


def test_compare_lists_the_files_changed_since_an_ancestor(standin: StandIn) -> None:
    world = standin.world
    before = world.pull_request_info("acme/churn-model", 42)["head_sha"]
    files = dict(world.repos["acme/churn-model"].trees[before])
    files["src/train.py"] = files["src/train.py"] + b"# more\n"
    files.pop("roc.png")
    after = world.push("acme/churn-model", 42, files)
    base = f"{standin.base_url}/repos/acme/churn-model/compare"
    ahead = requests.get(f"{base}/{before}...{after}", headers={"Authorization": "token x"}, timeout=5).json()
    assert (ahead["status"], ahead["ahead_by"], ahead["merge_base_commit"]["sha"]) == ("ahead", 1, before)
    assert [(f["filename"], f["status"]) for f in ahead["files"]] == [("roc.png", "removed"),
                                                                    ("src/train.py", "modified")]
    changed = ahead["files"][1]
    assert changed["sha"] == blob_sha(files["src/train.py"]) and changed["patch"].endswith("+# more")
    behind = requests.get(f"{base}/{after}...{before}", headers={"Authorization": "token x"}, timeout=5).json()
    assert behind["status"] == "behind" and behind["files"] == []


def test_a_lost_answer_performs_the_write_and_drops_the_connection(standin: StandIn) -> None:
    standin.world.faults.append(Fault("POST", r"/issues/\d+/comments$", 201, lost=True))
    issue = repo_of(standin).get_issue(42)
    with pytest.raises(requests.ConnectionError):
        issue.create_comment("performed, never answered")
    assert [c["body"] for c in standin.world.repos["acme/churn-model"].comments] == ["performed, never answered"]
    assert standin.requests[-1]["lost"] and len(standin.writes) == 1


def test_check_runs_listed_by_name_carry_the_app(standin: StandIn) -> None:
    repo = repo_of(standin)
    sha = standin.world.repos["acme/churn-model"].pulls[42].head_sha
    repo.create_check_run(name="Custody", head_sha=sha, status="completed", conclusion="success")
    repo.create_check_run(name="lint", head_sha=sha, status="completed", conclusion="success")
    url = f"{standin.base_url}/repos/acme/churn-model/commits/{sha}/check-runs"
    named = requests.get(url, params={"check_name": "Custody"}, timeout=5).json()
    assert [run["name"] for run in named["check_runs"]] == ["Custody"]
    assert named["check_runs"][0]["app"]["slug"] == standin.world.app_slug
