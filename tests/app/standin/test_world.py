"""The stand-in's World: a scenario folder as a repository and PR, pushes, resets and faults."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from custody.reviewer.app.standin.world import Fault, World, tree_sha
from custody.reviewer.gather.scenario import ScenarioError

TINY = Path(__file__).parent / "data" / "tiny"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_from_scenario_serves_the_pull_request_of_scenario_yml() -> None:
    world = World.from_scenario(TINY, installation_id=7)
    repo = world.repo("Acme/Churn-Model")  # GitHub's names are case-insensitive
    assert repo is not None and repo.full_name == "acme/churn-model" and repo.installation_id == 7
    pr = repo.pulls[42]
    assert (pr.title, pr.author, pr.base_ref, pr.head_ref) == (
        "Retrain churn model on Q3 data", "alice", "main", "feature/q3-retrain")
    assert pr.body.startswith("Closes #17.") and pr.labels == ["ml"] and pr.milestone == "Sprint 14"
    assert pr.created_at == "2026-10-02T10:00:00Z" and pr.merged_at is None and not pr.draft
    assert repo.trees[pr.base_sha] == _tree(TINY / "base")
    assert repo.trees[pr.head_sha] == _tree(TINY / "head")
    assert repo.permissions == {"alice": "write"}


def test_shas_are_deterministic_hashes_of_the_tree_content() -> None:
    first = World.from_scenario(TINY).repos["acme/churn-model"].pulls[42]
    again = World.from_scenario(TINY).repos["acme/churn-model"].pulls[42]
    assert (first.base_sha, first.head_sha) == (again.base_sha, again.head_sha)
    assert first.base_sha == tree_sha(_tree(TINY / "base")) != first.head_sha
    assert len(first.head_sha) == 40 and int(first.head_sha, 16) >= 0


def test_json_tickets_become_issues_and_markdown_tickets_are_ignored() -> None:
    repo = World.from_scenario(TINY).repos["acme/churn-model"]
    recorded = json.loads((TINY / "tickets" / "509.json").read_text(encoding="utf-8"))
    assert repo.issues == {509: recorded}


def test_the_diff_marks_binaries_and_deletions() -> None:
    repo = World.from_scenario(TINY).repos["acme/churn-model"]
    diff = repo.pulls[42].diff(repo)
    status = {f.path: (f.status, f.binary) for f in diff.files}
    assert status == {"MODEL_CARD.md": ("added", False), "params.yaml": ("deleted", False),
                      "roc.png": ("added", True), "src/train.py": ("modified", False)}


def test_push_moves_the_head_and_keeps_the_old_commit() -> None:
    world = World.from_scenario(TINY)
    repo = world.repos["acme/churn-model"]
    old_head = repo.pulls[42].head_sha
    files = {**repo.trees[old_head], "src/extra.py": b"X = 1\n"}
    new_head = world.push("acme/churn-model", 42, files)
    assert new_head == repo.pulls[42].head_sha == tree_sha(files) != old_head
    assert old_head in repo.trees and repo.pulls[42].diff(repo).get("src/extra.py") is not None


def test_two_scenarios_share_one_world_and_ids_stay_unique() -> None:
    world = World.from_scenario(TINY)
    other = World.from_scenario(TINY, world=world)
    assert other is world and list(world.repos) == ["acme/churn-model"]
    assert len({world.new_id() for _ in range(5)}) == 5


def test_reset_forgets_writes_and_faults_but_not_the_repository() -> None:
    world = World.from_scenario(TINY)
    repo = world.repos["acme/churn-model"]
    repo.comments.append({"id": 1})
    repo.check_runs.append({"id": 2})
    world.faults.append(Fault("POST", r"/comments$", 502))
    world.reset()
    assert repo.comments == [] and repo.check_runs == [] and world.faults == []
    assert 42 in repo.pulls and 509 in repo.issues


def test_a_fault_matches_method_and_path_until_used_up() -> None:
    fault = Fault("post", r"/issues/\d+/comments$", 403, {"Retry-After": "1"}, times=2)
    assert fault.matches("POST", "/repos/a/b/issues/3/comments")
    assert not fault.matches("GET", "/repos/a/b/issues/3/comments")
    assert not fault.matches("POST", "/repos/a/b/issues/3")
    fault.times = 0
    assert not fault.matches("POST", "/repos/a/b/issues/3/comments")


@pytest.mark.parametrize("number", ["2147483648", "0", "true", "seven"])
def test_a_scenario_whose_number_no_pull_request_can_have_is_refused_naming_the_file(tmp_path: Path,
                                                                                      number: str) -> None:
    folder = tmp_path / "s"
    shutil.copytree(TINY, folder)
    (folder / "scenario.yml").write_text(f"repo: acme/x\nnumber: {number}\n")
    with pytest.raises(ScenarioError, match=f"^{re.escape(str(folder / 'scenario.yml'))}: number: "):
        World.from_scenario(folder)
