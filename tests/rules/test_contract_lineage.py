"""Contracts against the schema the deployed lineage records: missing required columns, incompatible types."""

from __future__ import annotations

import pytest
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.design import ContractColumn, DataContract
from custody.reviewer.model.evidence.diff import Diff, DiffLine, FileChange, Hunk
from custody.reviewer.model.evidence.pipeline import DatasetSchema, PipelineGraph, SchemaField
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook
from custody.reviewer.rules.contract_lineage import check_against_lineage, compatible, family


def _evidence(columns: list[ContractColumn], fields: list[tuple[str, str]], changed: dict[str, str] | None = None,
              dataset: str = "WH.CORE.ORDERS") -> Evidence:
    contract = DataContract(path="contracts/orders.yaml", dataset="orders", qualifiers=["WH.CORE"], columns=columns,
                            locator="contracts/orders.yaml#L5")
    graph = PipelineGraph(name="etl", where="deployed", format="openlineage", source="deployed/etl.json",
                          datasets=[DatasetSchema(namespace="snowflake://wh", name=dataset, producer="load",
                                                  fields=[SchemaField(name=n, type=t) for n, t in fields],
                                                  locator="deployed/etl.json#job=etl.load")])
    changes = [FileChange(path=p, status="modified", additions=1,
                          hunks=[Hunk(old_start=1, old_length=0, new_start=1, new_length=1,
                                      added=[DiffLine(number=1, text=t)])]) for p, t in (changed or {}).items()]
    return Evidence(pull_request=PullRequest(repo="a/b", number=1), config=RepoConfig(), contracts=[contract],
                    deployed_pipelines=[graph], diff=Diff(files=changes))


def _found(evidence: Evidence) -> list[tuple[str, str, str]]:
    check = check_against_lineage(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject, f.severity) for f in check.findings]


COLUMNS = [ContractColumn(name="order_id", type="string", required=True, locator="contracts/orders.yaml#L8"),
           ContractColumn(name="total", type="decimal", scale=2, required=True),
           ContractColumn(name="currency", type="string", required=True),
           ContractColumn(name="note", type="string")]


def test_a_changed_contract_is_checked_against_the_recorded_schema() -> None:
    evidence = _evidence(COLUMNS, [("ORDER_ID", "VARCHAR(16)"), ("TOTAL", "BIGINT"), ("EXTRA", "INT")],
                         changed={"contracts/orders.yaml": "currency: ..."})
    assert _found(evidence) == [("contract.schema_mismatch", "total", "medium"),
                                ("contract.schema_mismatch", "currency", "medium")]


def test_drift_the_pr_did_not_write_or_a_producer_change_is_low() -> None:
    unchanged = _evidence(COLUMNS[:3], [("order_id", "VARCHAR"), ("total", "NUMBER(12,2)")])
    assert _found(unchanged) == [("contract.schema_mismatch", "currency", "low")]
    producer = _evidence(COLUMNS[:3], [("order_id", "VARCHAR"), ("total", "NUMBER(12,2)")],
                         changed={"contracts/orders.yaml": "x", "etl/load.sql": "SELECT 'EUR' AS currency"})
    assert _found(producer) == [("contract.schema_mismatch", "currency", "low")]


def test_matching_schema_is_reported_as_checked_and_unrelated_datasets_are_skipped() -> None:
    fine = _evidence(COLUMNS[:2], [("order_id", "TEXT"), ("total", "DECIMAL(12,2)")], changed={"x": "y"})
    check = check_against_lineage(fine, build_rulebook(fine.config)[0])
    assert check.findings == [] and "2 column(s) match" in check.checked[0]
    other = _evidence(COLUMNS, [("a", "INT")], dataset="WH.CORE.CUSTOMERS")
    check = check_against_lineage(other, build_rulebook(other.config)[0])
    assert check.findings == [] and check.skipped[0].what == "contract contracts/orders.yaml (orders)"


@pytest.mark.parametrize("contract,physical,recorded,ok", [
    ("string", None, "VARCHAR(255)", True), ("integer", None, "BIGINT", True), ("number", None, "INTEGER", True),
    ("integer", None, "DOUBLE", False), ("string", None, "INTEGER", False), ("timestamp", None, "DATE", False),
    ("date", None, "TIMESTAMP_NTZ", True), ("boolean", None, "VARCHAR", False), ("object", None, "VARIANT", True),
    ("integer", None, "NUMBER(38,0)", True), ("decimal", None, "FLOAT", True), ("weird", None, "INT", True),
    ("number", "NUMBER", "NUMBER", True), ("timestamp", None, "TIMESTAMP_TZ", True), ("long", None, "int64", True),
])
def test_type_families(contract: str, physical: str | None, recorded: str, ok: bool) -> None:
    assert compatible(ContractColumn(name="c", type=contract, physical_type=physical), recorded) is ok


def test_family_reads_scale() -> None:
    assert family("DECIMAL(10, 2)") == ("decimal", 2) and family("varchar(3) not null") == ("string", None)


def test_only_columns_whose_lines_the_pr_edits_are_medium() -> None:
    at = "contracts/orders.yaml#L"
    columns = [ContractColumn(name="order_id", type="integer", required=True, locator=f"{at}8"),
               ContractColumn(name="total", type="decimal", scale=2, required=True, locator=f"{at}12")]
    evidence = _evidence(columns, [("order_id", "VARCHAR"), ("total", "BIGINT")])
    evidence.diff.files.append(FileChange(path="contracts/orders.yaml", status="modified", additions=1, hunks=[
        Hunk(old_start=13, old_length=1, new_start=13, new_length=1, added=[DiffLine(number=14, text="scale: 2")])]))
    assert _found(evidence) == [("contract.schema_mismatch", "order_id", "low"),
                                ("contract.schema_mismatch", "total", "medium")]


def _with_signature(inputs: list[tuple[str, str]], changed: dict[str, str] | None = None) -> Evidence:
    from custody.reviewer.model.evidence.signature import ModelSignature, SignatureColumn

    evidence = _evidence(COLUMNS, [], changed=changed)
    evidence.deployed_pipelines = []
    evidence.model_signatures = [ModelSignature(source="models/m/MLmodel", locator="models/m/MLmodel#L5",
                                                inputs=[SignatureColumn(name=n, type=t) for n, t in inputs])]
    return evidence


def _signature_findings(evidence: Evidence) -> list[tuple[str, str, str]]:
    from custody.reviewer.rules.contract_lineage import check_contracts

    check = check_contracts(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject, f.severity) for f in check.findings]


def test_a_model_signature_needs_every_input_promised_with_a_type_it_takes() -> None:
    fine = _with_signature([("order_id", "string"), ("total", "double"), ("currency", "string")])
    assert _signature_findings(fine) == []
    broken = _with_signature([("order_id", "string"), ("total", "double"), ("currency", "double"),
                              ("discount", "double")], changed={"models/m/MLmodel": "inputs"})
    assert _signature_findings(broken) == [("contract.schema_mismatch", "currency", "medium"),
                                           ("contract.schema_mismatch", "discount", "medium")]
    untouched = _with_signature([("order_id", "string"), ("total", "double"), ("currency", "double")])
    assert _signature_findings(untouched) == [("contract.schema_mismatch", "currency", "low")]


def test_a_signature_that_shares_too_little_with_any_contract_is_not_compared() -> None:
    unrelated = _with_signature([("pixels", "double"), ("label", "long"), ("order_id", "double")])
    assert _signature_findings(unrelated) == []


def test_a_table_of_the_same_name_in_another_schema_is_not_the_contracts() -> None:
    other = _evidence(COLUMNS, [("x", "INT")], changed={"contracts/orders.yaml": "x"}, dataset="WH.RAW.ORDERS")
    assert _found(other) == []
    unqualified = _evidence(COLUMNS[:1], [("order_id", "BIGINT")], changed={"contracts/orders.yaml": "x"},
                            dataset="s3://lake/core/orders.parquet")
    assert _found(unqualified) == [("contract.schema_mismatch", "order_id", "low")]  # matched; line not edited
