"""dbt models against their properties files: only the drift a PR makes is reported, cited on both sides."""

from __future__ import annotations

from pathlib import Path

from custody.agents.design import DesignAgent
from custody.reviewer.gather.readers.dbt import read_dbt_project
from custody.reviewer.gather.snapshot import DirSnapshot, MemorySnapshot, Snapshot
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook

JAFFLE = Path(__file__).parents[1] / "fixtures" / "ml" / "dbt" / "jaffle_shop"
RULE = "contract.dbt-columns-match"


def review(base: Snapshot, head: Snapshot) -> AgentResult:
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), config=RepoConfig(),
                        dbt_models=read_dbt_project(head).models,
                        base_dbt_models=read_dbt_project(base).models)
    return DesignAgent().review(evidence, build_rulebook(evidence.config)[0])


def dbt(result: AgentResult) -> list[tuple[str, str]]:
    return sorted((f.subject, f.severity) for f in result.findings if f.rule == RULE)


def tree(sql: str, yml: str) -> MemorySnapshot:
    return MemorySnapshot({"dbt_project.yml": b"name: demo\n", "models/m.sql": sql.encode(),
                           "models/schema.yml": yml.encode()})


DOCS = """version: 2
models:
  - name: m
    {config}
    columns:
      - name: id
        data_type: {id_type}
      - name: amount
        data_type: numeric
"""


def docs(id_type: str = "int", enforced: bool = False, extra: str = "") -> str:
    config = "config: {contract: {enforced: true}}" if enforced else ""
    return DOCS.format(config=config, id_type=id_type) + extra


def test_the_jaffle_shop_pr_that_selects_the_documented_names_is_clean() -> None:
    result = review(DirSnapshot(JAFFLE / "8e7c853"), DirSnapshot(JAFFLE / "95d698f"))
    assert dbt(result) == []
    assert any("dbt model customers" in c for c in result.checked)
    assert any(s.what == "dbt model orders columns" for s in result.skipped)  # its loop, said, not guessed


def test_removing_documented_columns_is_reported_with_both_files_and_old_drift_is_not() -> None:
    result = review(DirSnapshot(JAFFLE / "95d698f"), DirSnapshot(JAFFLE / "8e7c853"))  # the PR undone
    # `total_order_amount` is documented but never selected in either tree: not this PR's drift.
    assert dbt(result) == [("first_name", "medium"), ("last_name", "medium")]
    finding = next(f for f in result.findings if f.subject == "first_name")
    assert finding.kind == "contract.schema_mismatch"
    assert [(c.artifact, c.locator) for c in finding.citations] == [
        ("design_doc", "models/schema.yml#L14"), ("diff", "models/customers.sql#L50")]
    assert "this PR removes it from the model's final select" in finding.message
    assert finding.path == "models/customers.sql" and finding.line == 50


def test_a_rename_in_the_select_and_a_new_documented_column_are_reported() -> None:
    base = tree("select 1 as id, 2 as amount", docs())
    renamed = review(base, tree("select 1 as id, 2 as amount_usd", docs()))
    assert dbt(renamed) == [("amount", "medium")]
    documented = review(base, tree("select 1 as id, 2 as amount", docs(extra="      - name: fee\n")))
    assert dbt(documented) == [("fee", "medium")]
    assert "gains column `fee` of dbt model `m` in this PR" in documented.findings[0].message
    new_model = review(MemorySnapshot({}), tree("select 1 as id", docs()))
    assert dbt(new_model) == [("amount", "medium")]


def test_enforced_contracts_report_undocumented_columns_and_type_changes() -> None:
    base = tree("select 1 as id, 2 as amount", docs(enforced=True))
    result = review(base, tree("select 1 as id, 2 as amount, 3 as fee", docs(id_type="bigint", enforced=True)))
    assert dbt(result) == [("fee", "medium"), ("id", "medium")]
    retyped = next(f for f in result.findings if f.subject == "id")
    assert "from `int` to `bigint`" in retyped.message
    assert retyped.citations[0].locator == "models/schema.yml#L6"
    loose = review(tree("select 1 as id, 2 as amount", docs()),
                   tree("select 1 as id, 2 as amount, 3 as fee", docs(id_type="bigint")))
    assert dbt(loose) == []  # no enforced contract: an extra column and a type note bind nothing


def test_unknown_columns_on_either_side_report_nothing() -> None:
    base = tree("select * from {{ source('raw', 'm') }}", docs())
    assert dbt(review(base, tree("select 1 as id", docs()))) == []  # the base's columns are unknown
    head = tree("select {{ dbt_utils.star(ref('x')) }} from {{ ref('x') }}", docs())
    result = review(tree("select 1 as id, 2 as amount", docs()), head)
    assert dbt(result) == []
    assert any(s.what == "dbt model m columns" and "template code" in s.why for s in result.skipped)


def test_a_fix_of_old_drift_and_case_differences_are_not_findings() -> None:
    base = tree("select 1 as id", docs())  # `amount` documented, never selected
    assert dbt(review(base, tree("select 1 as ID, 2 as amount", docs()))) == []
    assert dbt(review(base, tree("select 1 as id", docs()))) == []


def test_a_properties_file_the_pr_leaves_unparseable_is_a_bug_risk() -> None:
    broken = docs().replace("        data_type: numeric", "        description: amount (note: in cents)")
    base, head = tree("select 1 as id, 2 as amount", docs()), tree("select 1 as id, 2 as amount", broken)

    def run(base: MemorySnapshot, head: MemorySnapshot, changed: list[str]) -> AgentResult:
        before, after = read_dbt_project(base), read_dbt_project(head)
        evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), config=RepoConfig(),
                            diff=Diff(files=[FileChange(path=p) for p in changed]),
                            dbt_models=after.models, dbt_unreadable=after.unreadable,
                            base_dbt_models=before.models, base_dbt_unreadable=before.unreadable)
        return DesignAgent().review(evidence, build_rulebook(evidence.config)[0])

    result = run(base, head, ["models/schema.yml"])
    [finding] = [f for f in result.findings if f.rule == "contract.dbt-properties-readable"]
    assert finding.kind == "code.bug_risk" and finding.severity == "medium"
    assert finding.citations[0].locator == "models/schema.yml#L9"
    assert "mapping values are not allowed here" in finding.message
    assert not [f for f in run(head, head, ["models/schema.yml"]).findings if f.rule.startswith("contract.dbt")]
    assert not [f for f in run(base, head, ["models/m.sql"]).findings if f.rule.startswith("contract.dbt")]
