"""Data contracts in the Open Data Contract Standard (ODCS v3): the columns each dataset promises."""

from __future__ import annotations

from typing import Any

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.snapshot import Snapshot, matching, read_text
from custody.reviewer.model.evidence.common import Skipped, file_locator
from custody.reviewer.model.evidence.design import ContractColumn, DataContract

MAX_CONTRACT_BYTES = 1024 * 1024


def read_odcs(path: str, text: str) -> list[DataContract]:
    """One DataContract per schema object (table) of an ODCS document."""
    data = load_yaml(text, path)
    if not isinstance(data, dict) or str(data.get("kind", "DataContract")) != "DataContract":
        raise ValueError("not an ODCS data contract (kind: DataContract)")
    schema = data.get("schema")
    if not isinstance(schema, list):
        raise ValueError("the contract has no schema list")
    lines = text.splitlines()
    contracts = []
    for table in schema:
        if not isinstance(table, dict) or not table.get("name"):
            continue
        columns = [_column(p) for p in table.get("properties") or [] if isinstance(p, dict) and p.get("name")]
        line = next((n for n, ln in enumerate(lines, 1) if ln.strip() == f"name: {table['name']}"), None)
        contracts.append(DataContract(
            path=path, name=str(data.get("name") or data.get("dataProduct") or data.get("id") or path),
            version=str(data["version"]) if data.get("version") is not None else None,
            dataset=str(table.get("physicalName") or table["name"]), columns=columns,
            locator=file_locator(path, line)))
    return contracts


def _column(prop: dict[str, Any]) -> ContractColumn:
    kind = prop.get("logicalType") or prop.get("physicalType")
    return ContractColumn(name=str(prop["name"]), type=str(kind) if kind else None, required=bool(prop.get("required")))


def read_contracts(snapshot: Snapshot, patterns: list[str]) -> tuple[list[DataContract], list[Skipped]]:
    contracts: list[DataContract] = []
    problems: list[Skipped] = []
    for path in matching(snapshot.paths(), patterns):
        if not path.endswith((".yaml", ".yml")):
            continue
        text = read_text(snapshot, path, MAX_CONTRACT_BYTES)
        if text is None:
            problems.append(Skipped(what=path, why="data contract too large or not UTF-8 text"))
            continue
        try:
            contracts.extend(read_odcs(path, text))
        except YamlLimitError as exc:
            problems.append(Skipped(what=path, why=exc.reason))
        except (ValueError, yaml.YAMLError, RecursionError) as exc:
            problems.append(Skipped(what=path, why=f"not a readable ODCS data contract ({type(exc).__name__})"))
    return contracts, problems
