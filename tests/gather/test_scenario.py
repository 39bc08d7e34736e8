"""Scenario folders: a real one loads with its sources; a broken one gives one clear line, never a trace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from custody.reviewer.gather.review_input import ArtifactUnavailable
from custody.reviewer.gather.scenario import (
    FolderDeployed,
    FolderTickets,
    ScenarioError,
    SnapshotRegistry,
    load_scenario,
    yaml_position,
    yaml_problem,
)
from custody.reviewer.model.evidence.tickets import TicketRef

from tests.helpers import REPO

SCENARIOS = REPO / "benchmark" / "scenarios"
REALWORLD = REPO / "benchmark" / "realworld"


def test_a_real_scenario_loads_its_pr_trees_diff_and_registry() -> None:
    review = load_scenario(SCENARIOS / "card-01-churn-dataset-mismatch")
    pr = review.pull_request
    assert (pr.repo, pr.number, pr.head_branch, pr.labels) == ("acme/churn-model", 50, "card-v4", ["ml"])
    assert pr.created_at is not None and pr.created_at.isoformat() == "2026-10-05T09:00:00+00:00"
    assert review.diff.paths == ["MODEL_CARD.md"]
    assert review.registry is not None and review.deployed is None
    registry = review.registry.load([])
    assert registry.source == "registry/mlflow.json" and registry.versions


def test_jira_and_deployed_sources_are_read_from_their_folders() -> None:
    review = load_scenario(SCENARIOS / "scope-08-recsys-jira-recall-at-k")
    assert review.tickets is not None
    ticket = review.tickets.fetch(TicketRef(key="REC-42", tracker="jira", found_in="title"))
    assert ticket.source == "tickets/REC-42.json"
    with pytest.raises(ArtifactUnavailable, match="no file for ticket REC-43 under tickets/"):
        review.tickets.fetch(TicketRef(key="REC-43", tracker="jira", found_in="title"))
    deployed = load_scenario(REALWORLD / "rw-flow-01-vertex-prediction-drop-tfdv").deployed
    assert deployed is not None
    graphs, _ = deployed.graphs()
    assert graphs and all(g.where == "deployed" for g in graphs)


def scenario(tmp_path: Path, spec: str | bytes, head: bool = True) -> Path:
    (tmp_path / "scenario.yml").write_bytes(spec.encode() if isinstance(spec, str) else spec)
    if head:
        (tmp_path / "head").mkdir()
    return tmp_path


def test_a_minimal_scenario_has_an_empty_base_and_no_sources(tmp_path: Path) -> None:
    review = load_scenario(scenario(tmp_path, "repo: acme/x\nnumber: 3\ntitle: 42\n"))
    assert review.pull_request.title == "42"  # YAML's number is kept as the text it was
    assert review.base.paths() == [] and review.diff.files == []
    assert review.registry is None and review.deployed is None


@pytest.mark.parametrize(("spec", "message"), [
    ("repo: acme/x\nnumber: [1\n", r"scenario.yml:3:1: not valid YAML \(expected ',' or ']'"),
    ("- a\n- b\n", "scenario.yml: must be a mapping"),
    ("repo: acme/x\nnumber: seven\n", "scenario.yml: number: Input should be a valid integer"),
    ("repo: acme/x\nnumber: 2147483648\n", "scenario.yml: number: Input should be less than or equal to 2147483647"),
    ("repo: acme/x\nnumber: -4\n", "scenario.yml: number: Input should be greater than or equal to 0"),
    ("number: 7\n", "scenario.yml: repo: Field required"),
    ("repo: acme/x\nnumber: 7\nlabels: ml\n", "labels must be a list"),
    ("repo: acme/x\nnumber: 7\ncreated_at: last tuesday\n", "created_at is not an ISO 8601 time: 'last tuesday'"),
    (b"repo: acme/x\nnumber: 7\ntitle: \xff\xfe\n", r"not valid YAML \(not UTF-8 text at byte 30\)"),
])
def test_a_broken_scenario_yml_is_one_clear_error(tmp_path: Path, spec: str | bytes, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        load_scenario(scenario(tmp_path, spec))


def test_a_folder_that_is_not_a_scenario_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such folder"):
        load_scenario(tmp_path / "nope")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ScenarioError, match="not a folder"):
        load_scenario(tmp_path / "file")
    with pytest.raises(ScenarioError, match=r"no scenario\.yml"):
        load_scenario(tmp_path)
    with pytest.raises(ScenarioError, match="no head/ folder"):
        load_scenario(scenario(tmp_path, "repo: a/b\nnumber: 1\n", head=False))


def test_yaml_errors_are_placed_when_the_parser_knows_where() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        yaml.safe_load("a: [1\nb: 2\n")
    assert yaml_position(raised.value).endswith(":")
    assert yaml_problem(raised.value)
    assert yaml_position(yaml.YAMLError("plain")) == ""
    assert yaml_problem(yaml.YAMLError("plain")) == "YAMLError"


def test_tickets_prefer_json_and_strip_a_github_repository(tmp_path: Path) -> None:
    (tmp_path / "17.md").write_text("# From markdown\n\n- [ ] one\n")
    (tmp_path / "17.json").write_text(json.dumps({"number": 17, "title": "From JSON", "body": "- [ ] two"}))
    ticket = FolderTickets(tmp_path).fetch(TicketRef(key="acme/other#17", tracker="github", found_in="body"))
    assert (ticket.title, ticket.source) == ("From JSON", "tickets/17.json")


def test_a_registry_folder_without_a_readable_snapshot_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(ArtifactUnavailable, match=r"holds no mlflow\.json"):
        SnapshotRegistry(tmp_path).load([])
    (tmp_path / "mlflow.json").write_text("{not json")
    with pytest.raises(ArtifactUnavailable, match="not valid JSON"):
        SnapshotRegistry(tmp_path).load([])


def test_deployed_files_skip_folders_and_links_and_report_what_they_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.json").symlink_to(tmp_path / "sub")
    (tmp_path / "junk.json").write_text("{not json")
    graphs, problems = FolderDeployed(tmp_path).graphs()
    assert graphs == []
    assert [p.what for p in problems] == ["deployed/junk.json"]
