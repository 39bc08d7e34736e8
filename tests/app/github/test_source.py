"""Reading a PR from GitHub: the diff media type, and the files API when GitHub answers 406."""

from __future__ import annotations

import dataclasses
import difflib

import pytest
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.github.source import GitHubSnapshot, apply_patch, read_diff
from custody.reviewer.app.queue.durable import process
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.world import PullRequestState, RepoState, tree_sha
from custody.reviewer.app.store import Store
from custody.reviewer.gather import content_cache
from custody.reviewer.gather.content_cache import MemoryCache
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.pull_request import MAX_PR_NUMBER
from custody.reviewer.settings import Settings
from github import Auth, Github

from tests.app.github.support import FAST, NUMBER, REPO


def world_with(files: int) -> World:
    base = {"README.md": b"# r\n"}
    head = {**base, **{f"data/f{i}.txt": f"line {i}\n".encode() for i in range(files)},
            "logo.png": b"\x89PNG\x00\x01"}
    repo = RepoState(full_name="acme/big", id=1, installation_id=1,
                     trees={tree_sha(base): base, tree_sha(head): head})
    repo.pulls[1] = PullRequestState(number=1, title="t", body="", author="a", base_ref="main", head_ref="x",
                                     base_sha=tree_sha(base), head_sha=tree_sha(head))
    world = World()
    world.repos["acme/big"] = repo
    return world


def test_small_pr_reads_the_unified_diff() -> None:
    with StandIn(world_with(3)) as standin:
        pr = Github(base_url=standin.base_url, auth=Auth.Token("t"), **FAST).get_repo("acme/big").get_pull(1)
        skipped: list[Skipped] = []
        diff = read_diff(pr, skipped)
    assert len(diff.files) == 4 and skipped == []
    assert next(f for f in diff.files if f.path == "logo.png").binary


def test_past_300_files_github_answers_406_and_the_files_api_is_paged() -> None:
    with StandIn(world_with(320)) as standin:
        pr = Github(base_url=standin.base_url, auth=Auth.Token("t"), **FAST).get_repo("acme/big").get_pull(1)
        skipped: list[Skipped] = []
        diff = read_diff(pr, skipped)
    assert len(diff.files) == 321  # 320 text files over four pages, and the binary one without a patch
    assert all(f.hunks for f in diff.files if f.path.endswith(".txt"))
    assert [s.what for s in skipped] == ["1 file(s) of the diff"]


def test_a_push_fetches_only_the_files_whose_blob_is_new(monkeypatch: pytest.MonkeyPatch) -> None:
    content_cache.configure(MemoryCache())
    fetched: list[str] = []
    real_fetch = GitHubSnapshot._fetch

    def counting_fetch(self: GitHubSnapshot, path: str) -> bytes | None:
        fetched.append(path)
        return real_fetch(self, path)

    monkeypatch.setattr(GitHubSnapshot, "_fetch", counting_fetch)
    world = world_with(30)
    with StandIn(world) as standin:
        repo = Github(base_url=standin.base_url, auth=Auth.Token("t"), **FAST).get_repo("acme/big")
        first = GitHubSnapshot(repo, world.pull_request_info("acme/big", 1)["head_sha"], [])
        texts = {p: first.read_bytes(p) for p in first.paths()}
        assert len(fetched) == len(texts) == 32
        files = dict(world.repos["acme/big"].trees[world.pull_request_info("acme/big", 1)["head_sha"]])
        files["data/f7.txt"] = b"pushed\n"
        pushed = GitHubSnapshot(repo, world.push("acme/big", 1, files), [])
        again = {p: pushed.read_bytes(p) for p in pushed.paths()}
    assert fetched[32:] == ["data/f7.txt"]  # every other file came from the cache, checked by its git name
    assert again["data/f7.txt"] == b"pushed\n" and again["data/f8.txt"] == texts["data/f8.txt"]


@pytest.mark.parametrize(("old", "new"), [
    ("a\nb\nc\n", "a\nB\nc\nd\n"),
    ("", "first\nsecond\n"),
    ("keep\nlast", "keep\nlast\nmore"),  # no newline at the end, either side
    ("x\n" * 30 + "y\n", "x\n" * 30 + "z\n"),
    ("one\r\ntwo\r\n", "one\r\n2\r\n"),
])
def test_a_compare_patch_applied_to_the_old_bytes_gives_the_new(old: str, new: str) -> None:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), "a/f", "b/f")
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    patch = text[text.index("@@"):].rstrip("\n")
    assert apply_patch(old, patch) == new


def test_a_patch_that_does_not_fit_is_refused() -> None:
    with pytest.raises(ValueError):
        apply_patch("a\nb\n", "@@ -1,2 +1,2 @@\n a\n-c\n+d")


def test_a_branch_is_listed_anew_each_time_only_a_commit_is_cached() -> None:
    content_cache.configure(MemoryCache())
    world = world_with(1)
    with StandIn(world) as standin:
        repo = Github(base_url=standin.base_url, auth=Auth.Token("t"), **FAST).get_repo("acme/big")
        before = GitHubSnapshot(repo, "main", []).paths()
        state = world.repos["acme/big"]
        moved = {**state.trees[state.pulls[1].base_sha], "policy.yml": b"moved: true\n"}
        state.trees[tree_sha(moved)] = moved
        state.pulls[1].base_sha = tree_sha(moved)  # main moves on (the stand-in's main is the PR's base)
        after = GitHubSnapshot(repo, "main", []).paths()
    assert "policy.yml" not in before and "policy.yml" in after  # a branch moves; its listing is not kept


def test_a_pull_request_the_evidence_cannot_hold_fails_the_job_with_the_reason(
        world: World, standin: StandIn, settings: Settings, store: Store) -> None:
    # A GitHub Enterprise or a stand-in may serve a number past 32 bits; the evidence refuses it,
    # and the job is finished as failed, saying why, instead of crashing three retries long.
    repo = world.repo(REPO)
    assert repo is not None
    huge = MAX_PR_NUMBER + 1
    repo.pulls[huge] = dataclasses.replace(repo.pulls[NUMBER], number=huge)
    job = ReviewJob(installation_id=5, repo=REPO, number=huge, head_sha=repo.pulls[huge].head_sha,
                    delivery_id="d-huge")
    store.accept_delivery(job.delivery_id, "pull_request", "opened", REPO, 1, job.head_sha, job.model_dump_json())
    assert process(job, settings, store, lambda j, s, st: handle_job(j, s, st, **FAST)) == "failed"
    (dead,) = store.dead_jobs()
    assert dead.failure == ("GitHub's pull request cannot be reviewed: number: "
                            "Input should be less than or equal to 2147483647")
