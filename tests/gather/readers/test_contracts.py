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
