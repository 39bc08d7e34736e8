"""Reading a PR from GitHub: the diff media type, and the files API when GitHub answers 406."""

from __future__ import annotations

from custody.reviewer.evidence.common import Skipped
from custody.reviewer.githubapp.source import read_diff
from custody.reviewer.standin import StandIn, World
from custody.reviewer.standin.world import PullRequestState, RepoState, tree_sha
from github import Auth, Github

FAST = {"seconds_between_requests": None, "seconds_between_writes": None, "retry": None}


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
