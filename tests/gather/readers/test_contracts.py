"""ODCS v3 data contracts from the standard's own examples, and junk that is skipped with a reason."""

from __future__ import annotations

from custody.agents.design import schema_columns, types_compatible
from custody.reviewer.gather.readers.contracts import read_contracts, read_odcs
from custody.reviewer.gather.snapshot import MemorySnapshot

from tests.helpers import fixture_path


def test_full_example_tables_and_columns() -> None:
    text = fixture_path("ml", "contracts", "odcs", "full-example.odcs.yaml").read_text()
    contracts = read_odcs("contracts/full.odcs.yaml", text)
    receivers = next(c for c in contracts if c.dataset == "receivers_master")
    assert receivers.version == "1.1.0"
    assert [(c.name, c.type, c.required) for c in receivers.columns][:2] == [("id", "string", True),
                                                                             ("country_code", "string", True)]


def test_unreadable_contracts_are_skipped() -> None:
    snapshot = MemorySnapshot({"contracts/a.odcs.yaml": b"kind: [", "contracts/b.yaml": b"kind: Something\n"})
    contracts, skipped = read_contracts(snapshot, ["contracts/**"])
    assert contracts == [] and {s.what for s in skipped} == {"contracts/a.odcs.yaml", "contracts/b.yaml"}


def test_colspec_types_against_contract_types() -> None:
    columns = schema_columns('{"mlflow_colspec": [{"name": "Adr", "type": "long"}, {"name": "t", "type": "datetime"}]}')
    assert columns == {"adr": "integer", "t": "timestamp"}
    assert types_compatible("number", "integer") and not types_compatible("integer", "number")
    assert types_compatible("date", "timestamp") and types_compatible(None, "string")


DCS = """dataContractSpecification: 1.1.0
id: urn:datacontract:shop:orders
info:
  title: Orders
  version: 2.0.0
servers:
  prod:
    type: snowflake
    database: SHOP
    schema: CORE
models:
  orders:
    type: table
    fields:
      order_id:
        type: varchar
        required: true
      amount:
        type: decimal
        precision: 12
        scale: 2
      note:
        type: text
"""


def test_datacontract_specification_models_and_fields_with_lines() -> None:
    (contract,) = read_contracts(MemorySnapshot({"contracts/orders.datacontract.yaml": DCS.encode()}),
                                 ["contracts/**"])[0]
    assert (contract.name, contract.version, contract.dataset) == ("Orders", "2.0.0", "orders")
    assert contract.qualifiers == ["SHOP.CORE"]
    assert [(c.name, c.type, c.required, c.scale) for c in contract.columns] == [
        ("order_id", "varchar", True, None), ("amount", "decimal", False, 2), ("note", "text", False, None)]
    assert contract.columns[1].locator == "contracts/orders.datacontract.yaml#L18"


def test_odcs_v2_datasets_and_columns() -> None:
    text = ("apiVersion: v2.2.2\nkind: DataContract\ndatabase: SHOP\nschema: CORE\ndataset:\n"
            "  - table: customers\n    columns:\n      - column: id\n        logicalType: string\n"
            "        isNullable: false\n      - column: age\n        physicalType: INT\n")
    (contract,) = read_odcs("c.odcs.yaml", text)
    assert contract.dataset == "customers" and contract.qualifiers == ["SHOP.CORE"]
    assert [(c.name, c.type, c.required, c.locator) for c in contract.columns] == [
        ("id", "string", True, "c.odcs.yaml#L8"), ("age", "INT", False, "c.odcs.yaml#L11")]
