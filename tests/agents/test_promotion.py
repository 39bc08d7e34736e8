"""The promotion agent: hostile input (a YAML bomb where the production alias moves) and traffic splits."""

from __future__ import annotations

from typing import Any

from custody.agents.promotion import PromotionAgent
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.moves import find_moves
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import PromotionPolicy, RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, DiffLine, FileChange, Hunk
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.rules.book import build_rulebook

BOMB = "champion: 3\n" + "\n".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else '"lol"'] * 9) + "]" for i in range(12))


def test_a_yaml_bomb_moving_the_alias_is_reported_not_expanded() -> None:
    change = FileChange(path="deploy/model.yaml", status="added", additions=1,
                        hunks=[Hunk(old_start=0, old_length=0, new_start=1, new_length=1,
                                    added=[DiffLine(number=1, text="champion: 3")])])
    policy = PromotionPolicy(registered_model="churn", production_alias="champion")
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), config=RepoConfig(promotion=policy),
                        diff=Diff(files=[change]), head_texts={"deploy/model.yaml": BOMB})
    (move,) = find_moves(evidence.diff, evidence.head_texts, policy)
    evidence.moves = [move]
    assert move.version is None  # refused unexpanded (the YAML reader's own tests count how little it reads)
    result = PromotionAgent().review(evidence, build_rulebook(evidence.config)[0])
    assert [s.what for s in result.skipped] == ["promotion gate"]  # no registry here: said, not silent


# -- traffic splits: a challenger that starts taking live traffic is a gated move -------------------------



POLICY = ("promotion:\n  registered_model: fraud\n  production_alias: champion\n"
          "  require_version_tags: {validation_status: approved}\n  primary_metric: val_auc\n"
          "  min_improvement: 0.005\n")


class Snapshot:
    def load(self, model_names: list[str]) -> Registry:
        def run(run_id: str, auc: float) -> dict[str, Any]:
            return {"info": {"run_id": run_id}, "data": {"metrics": [{"key": "val_auc", "value": auc}]}}
        return parse_mlflow_snapshot({
            "registered_models": [{"name": "fraud", "aliases": [{"alias": "champion", "version": "3"},
                                                                {"alias": "challenger", "version": "4"}]}],
            "model_versions": [{"name": "fraud", "version": "3", "run_id": "r3", "aliases": ["champion"],
                                "tags": [{"key": "validation_status", "value": "approved"}]},
                               {"name": "fraud", "version": "4", "run_id": "r4", "aliases": ["challenger"]}],
            "runs": [run("r3", 0.91), run("r4", 0.912)]}, "registry/mlflow.json")


def promote(before: str, after: str) -> AgentResult:
    base = MemorySnapshot({".github/custody.yml": POLICY.encode(), "deploy/traffic.yaml": before.encode()})
    head = MemorySnapshot({".github/custody.yml": POLICY.encode(), "deploy/traffic.yaml": after.encode()})
    evidence = gather(ReviewInput(pull_request=PullRequest(repo="acme/fraud", number=3), base=base, head=head,
                                  diff=diff_snapshots(base, head), registry=Snapshot()))
    return PromotionAgent().review(evidence, build_rulebook(evidence.config)[0])


ROUTES = "routes:\n- {{alias: champion, weight: {a}}}\n- {{alias: challenger, weight: {b}}}\n"


def test_a_challenger_given_live_traffic_is_judged_by_the_policy() -> None:
    result = promote(ROUTES.format(a=100, b=0), ROUTES.format(a=90, b=10))
    found = [(f.kind, f.subject) for f in result.findings]
    # v4 lacks the approval tag, and its val_auc gain (0.002) is under the policy's margin (0.005).
    assert found == [("registry.alias_moved", "validation_status"), ("promotion.gate_failed", "val_auc")]
    assert "gives challenger 10% of live traffic" in result.findings[0].message
    assert result.findings[0].citations[0].locator == "deploy/traffic.yaml#L3"


def test_traffic_that_stays_or_goes_to_the_champion_moves_nothing() -> None:
    assert promote(ROUTES.format(a=90, b=10), ROUTES.format(a=80, b=10)).findings == []
    assert promote(ROUTES.format(a=90, b=10), ROUTES.format(a=90, b=10) + "# reviewed\n").findings == []
    assert promote("traffic: {champion: 100%}\n", "traffic: {champion: 100%, challenger: 0%}\n").findings == []
