"""Docs that still state a value the pull request changes in code."""

from __future__ import annotations

from custody.agents.design import DesignAgent
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.design import ChangedDefault, HostMove, PlannedParam
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook


def review(changes: list[ChangedDefault], stated: list[PlannedParam]) -> list[tuple[str, str, str]]:
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), config=RepoConfig(),
                        changed_defaults=changes, doc_values=stated)
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject, f.severity) for f in result.findings]


CHANGE = ChangedDefault(path="src/model.py", name="num_tokens", old="32000", new="32768", line=12)


def test_a_doc_left_at_the_old_value_is_a_param_mismatch() -> None:
    stated = [PlannedParam(key="num_tokens", value="32000", locator="docs/train.md#L3")]
    assert review([CHANGE], stated) == [("design.param_mismatch", "num_tokens", "medium")]


def test_a_doc_that_states_the_new_value_or_another_value_is_fine() -> None:
    assert review([CHANGE], [PlannedParam(key="num_tokens", value="32768", locator="README.md#L1"),
                             PlannedParam(key="num_tokens", value="32000", locator="docs/old.md#L9")]) == []
    assert review([CHANGE], [PlannedParam(key="num_tokens", value="50000", locator="README.md#L1")]) == []
    assert review([CHANGE], []) == []


def test_the_old_value_kept_elsewhere_in_code_is_not_reported() -> None:
    moved = ChangedDefault(path="configs/small.py", name="num_tokens", old="16000", new="32000", line=2)
    stated = [PlannedParam(key="num_tokens", value="32000", locator="README.md#L5")]
    assert review([CHANGE, moved], stated) == []


def test_a_store_moved_off_the_docs_local_setup_is_a_param_mismatch_citing_both() -> None:
    moves = [HostMove(path="feature_repo/feature_store.yaml", line=4, key="registry.path", old="localhost:5432",
                      new="postgres.feast.svc.cluster.local:5432", local_elsewhere=["README.md#L25", "README.md#L45"]),
             HostMove(path="feature_repo/feature_store.yaml", line=12, key="online_store.connection_string",
                      old="localhost:6379", new="${REDIS_HOST}:6379", variable="REDIS_HOST",
                      local_elsewhere=["README.md#L28"])]
    evidence = Evidence(pull_request=PullRequest(repo="feast-dev/feast-credit-score-local-tutorial", number=9),
                        config=RepoConfig(), host_moves=moves)
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    found = [f for f in result.findings if f.rule == "design.params-match"]
    assert [(f.kind, f.subject, f.severity) for f in found] == [
        ("design.param_mismatch", "registry.path", "medium"),
        ("design.param_mismatch", "online_store.connection_string", "medium")]
    assert [c.locator for c in found[0].citations] == ["README.md#L25", "feature_repo/feature_store.yaml#L4"]
    assert "`REDIS_HOST` variable" in found[1].message


def test_no_host_move_no_finding() -> None:
    assert review([], []) == []
