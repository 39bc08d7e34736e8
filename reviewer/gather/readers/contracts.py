"""Data contracts: the columns each dataset promises.

Reads the Open Data Contract Standard (ODCS v3 `schema[].properties[]`, ODCS v2 `dataset[].columns[]`)
and the Data Contract Specification of datacontract.com (`dataContractSpecification`,
`models.<name>.fields.<field>`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.snapshot import Snapshot, matching, read_text
from custody.reviewer.model.evidence.common import Skipped, file_locator
from custody.reviewer.model.evidence.design import ContractColumn, DataContract

MAX_CONTRACT_BYTES = 1024 * 1024
MAX_COLUMNS = 2_000


class _Lines:
    """Line numbers of keys, searched forward from the table's line so each column finds its own."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def find(self, patterns: list[str], start: int = 0) -> int | None:
        for number in range(start, len(self.lines)):
            stripped = self.lines[number].strip().lstrip("- ").strip()
            if any(re.fullmatch(p, stripped) for p in patterns):
                return number + 1
        return None


def _name_patterns(key: str, value: str) -> list[str]:
    quoted = re.escape(value)
    return [rf"{key}:\s*['\"]?{quoted}['\"]?(\s+#.*)?"]


def _scale(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _common(path: str, data: dict[str, Any]) -> dict[str, Any]:
    info: dict[str, Any] = data["info"] if isinstance(data.get("info"), dict) else {}
    name = data.get("name") or info.get("title") or data.get("dataProduct") or data.get("id") or path
    version = data.get("version") if data.get("version") is not None else info.get("version")
    return {"path": path, "name": str(name), "version": str(version) if version is not None else None}


def _qualifiers(servers: Any) -> list[str]:
    """`database.schema` of each server (a list in ODCS, a mapping in DCS), as a prefix of table names."""
    entries = servers.values() if isinstance(servers, dict) else servers if isinstance(servers, list) else []
    out = []
    for server in entries:
        if isinstance(server, dict):
            parts = [str(server[k]) for k in ("catalog", "database", "project", "schema", "dataset") if server.get(k)]
            if parts:
                out.append(".".join(parts))
    return list(dict.fromkeys(out))


def _odcs_v3(path: str, data: dict[str, Any], lines: _Lines) -> list[DataContract]:
    contracts = []
    for table in data["schema"]:
        if not isinstance(table, dict) or not table.get("name"):
            continue
        line = lines.find(_name_patterns("name", str(table["name"])))
        columns: list[ContractColumn] = []
        for prop in table.get("properties") or []:
            if not isinstance(prop, dict) or not prop.get("name") or len(columns) >= MAX_COLUMNS:
                continue
            at = lines.find(_name_patterns("name", str(prop["name"])), line or 0)
            logical = prop.get("logicalType")
            physical = prop.get("physicalType")
            options: dict[str, Any] = prop["logicalTypeOptions"] if isinstance(prop.get("logicalTypeOptions"), dict) \
                else {}
            columns.append(ContractColumn(
                name=str(prop["name"]), type=str(logical or physical) if (logical or physical) else None,
                required=bool(prop.get("required")), physical_type=str(physical) if physical else None,
                scale=_scale(options.get("scale", prop.get("scale"))), locator=file_locator(path, at)))
        contracts.append(DataContract(**_common(path, data), dataset=str(table.get("physicalName") or table["name"]),
                                      columns=columns, locator=file_locator(path, line),
                                      qualifiers=_qualifiers(data.get("servers"))))
    return contracts


def _odcs_v2(path: str, data: dict[str, Any], lines: _Lines) -> list[DataContract]:
    contracts = []
    qualifiers = [".".join(str(data[k]) for k in ("database", "schema") if data.get(k))] \
        if data.get("database") or data.get("schema") else []
    for table in data["dataset"]:
        if not isinstance(table, dict) or not table.get("table"):
            continue
        line = lines.find(_name_patterns("table", str(table["table"])))
        columns: list[ContractColumn] = []
        for col in table.get("columns") or []:
            if not isinstance(col, dict) or not col.get("column") or len(columns) >= MAX_COLUMNS:
                continue
            at = lines.find(_name_patterns("column", str(col["column"])), line or 0)
            logical, physical = col.get("logicalType"), col.get("physicalType")
            columns.append(ContractColumn(
                name=str(col["column"]), type=str(logical or physical) if (logical or physical) else None,
                required=col.get("isNullable") is False, physical_type=str(physical) if physical else None,
                scale=_scale(col.get("scale")), locator=file_locator(path, at)))
        contracts.append(DataContract(**_common(path, data), dataset=str(table.get("physicalName") or table["table"]),
                                      columns=columns, locator=file_locator(path, line), qualifiers=qualifiers))
    return contracts


def _dcs(path: str, data: dict[str, Any], lines: _Lines) -> list[DataContract]:
    models = data.get("models")
    if not isinstance(models, dict):
        raise ValueError("the data contract has no models")
    contracts = []
    for name, model in models.items():
        if not isinstance(model, dict):
            continue
        line = lines.find([rf"{re.escape(str(name))}:(\s+#.*)?"])
        columns: list[ContractColumn] = []
        fields: dict[str, Any] = model["fields"] if isinstance(model.get("fields"), dict) else {}
        for field_name, spec in fields.items():
            if len(columns) >= MAX_COLUMNS:
                break
            spec = spec if isinstance(spec, dict) else {}
            at = lines.find([rf"{re.escape(str(field_name))}:(\s+#.*)?"], line or 0)
            kind = spec.get("type")
            columns.append(ContractColumn(
                name=str(field_name), type=str(kind) if kind else None, required=bool(spec.get("required")),
                scale=_scale(spec.get("scale")), locator=file_locator(path, at)))
        contracts.append(DataContract(**_common(path, data), dataset=str(model.get("physicalName") or name),
                                      columns=columns, locator=file_locator(path, line),
                                      qualifiers=_qualifiers(data.get("servers"))))
    return contracts


def read_contract(path: str, text: str) -> list[DataContract]:
    """One DataContract per table (ODCS schema object, ODCS v2 dataset, DCS model) of a contract file."""
    data = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ValueError("not a data contract")
    lines = _Lines(text)
    if "dataContractSpecification" in data:
        return _dcs(path, data, lines)
    if str(data.get("kind", "DataContract")) != "DataContract":
        raise ValueError("not an ODCS data contract (kind: DataContract)")
    if isinstance(data.get("schema"), list):
        return _odcs_v3(path, data, lines)
    if isinstance(data.get("dataset"), list):
        return _odcs_v2(path, data, lines)
    raise ValueError("the contract has no schema list")


def read_odcs(path: str, text: str) -> list[DataContract]:
    """An ODCS document (kept for callers of the first reader; `read_contract` reads every format)."""
    return read_contract(path, text)


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
            contracts.extend(read_contract(path, text))
        except YamlLimitError as exc:
            problems.append(Skipped(what=path, why=exc.reason))
        except (ValueError, yaml.YAMLError, RecursionError) as exc:
            problems.append(Skipped(what=path, why=f"not a readable data contract ({type(exc).__name__})"))
    return contracts, problems
