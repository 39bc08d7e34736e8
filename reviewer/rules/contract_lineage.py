"""Data contracts against the schema lineage records for the dataset, and against the signature of a
model that reads it (the `contract_schema` check).

The deployed graph's OpenLineage events carry a `schema` facet for each dataset a job writes. A
contract promises columns and types for that dataset; a required column the dataset does not have,
or a column whose recorded type cannot hold what the contract promises, is `contract.schema_mismatch`.
Types are compared by family (a BIGINT is an integer, a VARCHAR a string); a type this module does not
know is never a mismatch. Extra columns in the dataset are additive, not a mismatch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped, locator_line
from custody.reviewer.model.evidence.design import ContractColumn, DataContract
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.pipeline import DatasetSchema
from custody.reviewer.model.findings import Finding
from custody.reviewer.rules.book import RuleBook

RULE = "contract.schema-matches"
FAMILIES: dict[str, tuple[str, ...]] = {
    "string": ("string", "text", "varchar", "char", "character", "nvarchar", "nchar", "clob", "uuid", "str",
               "character varying", "utf8", "large_string"),
    "integer": ("integer", "int", "bigint", "smallint", "tinyint", "long", "short", "byte", "int8", "int16",
                "int32", "int64", "uint8", "uint16", "uint32", "uint64", "serial", "bigserial", "hugeint"),
    "decimal": ("decimal", "numeric", "number", "bignumeric", "money"),
    "float": ("float", "double", "real", "float4", "float8", "float32", "float64", "double precision"),
    "boolean": ("boolean", "bool", "bit"),
    "timestamp": ("timestamp", "timestamp_ntz", "timestamp_ltz", "timestamp_tz", "datetime", "timestamptz",
                  "timestamp with time zone", "timestamp without time zone", "datetime2", "smalldatetime"),
    "date": ("date",),
    "time": ("time", "timetz"),
    "binary": ("binary", "bytes", "varbinary", "blob", "bytea"),
}
UNCHECKED = {"object", "array", "struct", "record", "map", "variant", "any", "json", "jsonb", "list", "null",
             "geography", "geometry"}
PARAMS = re.compile(r"\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)")


def family(kind: str | None) -> tuple[str | None, int | None]:
    """The family of a type and the scale it states: `DECIMAL(10,2)` is ("decimal", 2); unknown is None."""
    if not kind:
        return None, None
    text = kind.strip().lower()
    params = PARAMS.search(text)
    scale = int(params.group(2)) if params and params.group(2) else None
    base = PARAMS.sub("", text).strip()
    base = re.sub(r"\s*(not null|null)$", "", base)
    if base in UNCHECKED or base.startswith(("array", "struct", "map", "list")):
        return None, None
    for name, spellings in FAMILIES.items():
        if base in spellings:
            if name == "decimal" and params and scale in (None, 0) and base == "number":
                return "integer", 0  # Snowflake NUMBER(38,0) holds integers
            return name, scale
    return None, None


def compatible(column: ContractColumn, recorded: str | None) -> bool:
    """Can the recorded type hold what the contract promises? Unknown types are never a mismatch."""
    if column.physical_type and recorded and column.physical_type.strip().lower() == recorded.strip().lower():
        return True
    wanted, wanted_scale = family(column.type)
    have, have_scale = family(recorded)
    if wanted is None or have is None or wanted == have:
        if wanted == have == "decimal" and wanted_scale is not None and have_scale is not None:
            return have_scale >= wanted_scale
        return True
    scale = column.scale if column.scale is not None else wanted_scale
    if wanted == "decimal":
        if column.type and column.type.strip().lower() == "number" and scale is None:
            return have in ("integer", "float")  # an ODCS `number` is any number
        return (have == "integer" and scale == 0) or (have == "float" and scale is None)
    if wanted == "float":
        return have in ("integer", "decimal")
    if wanted == "integer":
        return have == "decimal" and have_scale in (None, 0)  # a bare NUMERIC may hold integers
    if wanted == "date":
        return have == "timestamp" and _odcs_date(column)
    return False


def _odcs_date(column: ContractColumn) -> bool:
    """ODCS v3.0 has one temporal logical type, `date`, for dates and timestamps alike."""
    return column.physical_type is None or family(column.physical_type)[0] in ("timestamp", None)


FILE_EXTENSION = re.compile(r"\.(parquet|csv|tsv|json|jsonl|avro|orc|delta|txt|feather|arrow)$", re.IGNORECASE)


def _split(name: str) -> tuple[str, str]:
    """`WH.CORE.ORDERS` as ("wh.core", "orders"); `s3://b/raw/orders.parquet` as ("s3://b/raw", "orders")."""
    bare = FILE_EXTENSION.sub("", name.strip().rstrip("/")).lower()
    head, _, tail = bare.rpartition("/") if "/" in bare else bare.rpartition(".")
    return head, tail


def _tail(name: str) -> str:
    return _split(name)[1]


def _match(contract: DataContract, datasets: list[tuple[DatasetSchema, str]]) -> list[tuple[DatasetSchema, str]]:
    """The recorded datasets a contract is about: a qualified name (`db.schema.table`) first, else the table name."""
    if not contract.dataset:
        return []
    table = contract.dataset.strip().lower()
    qualified = {f"{q}.{table}".lower() for q in contract.qualifiers}
    exact = [d for d in datasets if d[0].name.lower() in qualified or d[0].name.lower() == table]
    if exact:
        return exact
    qualifiers = [q.lower() for q in contract.qualifiers]

    def same_place(name: str) -> bool:
        """A qualified name elsewhere (`RAW.ORDERS` for a contract on `CORE`) is another table of that name."""
        where = _split(name)[0]
        return not qualifiers or not where or "/" in name or any(where.endswith(q) or q.endswith(where)
                                                                  for q in qualifiers)

    return [d for d in datasets if _tail(d[0].name) == _tail(table) and same_place(d[0].name)]


@dataclass
class ContractCheck:
    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def check_against_lineage(evidence: Evidence, rules: RuleBook) -> ContractCheck:
    """Every contract of the head tree against the recorded schema of the dataset it describes."""
    out = ContractCheck()
    datasets = [(d, g.source) for g in evidence.deployed_pipelines for d in g.datasets if d.fields]
    if not evidence.contracts:
        return out
    if not datasets:
        out.skipped.append(Skipped(what="data contracts against lineage",
                                   why="no deployed lineage records a dataset schema"))
        return out
    changes = {f.path: f for f in evidence.diff.files}
    producer_changes = [f for f in evidence.diff.files if f.path not in {c.path for c in evidence.contracts}
                        and not f.binary]
    for contract in evidence.contracts:
        edited = _edited_columns(contract, changes.get(contract.path))
        matched = _match(contract, datasets)
        if not matched:
            out.skipped.append(Skipped(what=f"contract {contract.path} ({contract.dataset})",
                                       why="no deployed lineage records a schema for this dataset"))
            continue
        for dataset, _source in matched:
            recorded = {f.name.lower(): f.type for f in dataset.fields}
            problems = 0
            for column in contract.columns:
                key = column.name.lower()
                if key not in recorded:
                    if not column.required:
                        continue  # an optional column may be absent
                    problem = f"required column `{column.name}` is not in the dataset {dataset.name} writes"
                    shipped = "absent"
                elif not compatible(column, recorded[key]):
                    problem = (f"`{column.name}` is {recorded[key]} in {dataset.name}; the contract says "
                               f"{column.type}{f' (scale {column.scale})' if column.scale else ''}")
                    shipped = f"{column.name}: {recorded[key]}"
                else:
                    continue
                problems += 1
                finding = rules.finding(
                    RULE, subject=column.name,
                    message=f"{contract.path} ({contract.dataset}): {problem}, as the last recorded run of "
                            f"`{dataset.producer}` shows; change the producer or the contract.",
                    citations=[Citation(artifact="design_doc", locator=column.locator or contract.locator),
                               Citation(artifact="deployed_graph", locator=dataset.locator)],
                    path=contract.path, line=locator_line(column.locator),
                    claim=f"{column.name}: {column.type or 'any'}{' (required)' if column.required else ''}",
                    intent_source=contract.path, shipped=shipped)
                if finding is None:
                    continue
                if (edited is not None and column.name not in edited) or _producer_changed(producer_changes,
                                                                                           column.name):
                    # Drift this PR did not write, or a producer change the deployed run predates: said, lower.
                    finding = finding.model_copy(update={"severity": "low", "blocking": False})
                out.findings.append(finding)
            if not problems:
                out.checked.append(f"contract {contract.path} ({contract.dataset}): {len(contract.columns)} "
                                   f"column(s) match the schema lineage records for {dataset.name}")
    return out


def _edited_columns(contract: DataContract, change: FileChange | None) -> set[str] | None:
    """The columns whose lines this PR adds or edits in the contract; None when all count (a new contract)."""
    if change is None:
        return set()
    if change.status == "added" or change.truncated:
        return None
    touched = {line.number for hunk in change.hunks for line in hunk.added}
    for hunk in change.hunks:
        if hunk.removed:  # a deleted line edits the column around where it was
            touched.update(range(hunk.new_start, hunk.new_start + max(hunk.new_length, 1)))
    starts = sorted((line, c.name) for c in contract.columns if (line := locator_line(c.locator)) is not None)
    edited = {c.name for c in contract.columns if locator_line(c.locator) is None}
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else start + 40
        if any(start <= n < end for n in touched):
            edited.add(name)
    return edited


def _producer_changed(changes: list[FileChange], column: str) -> bool:
    """Does the PR also change code that names this column (so the deployed schema may be about to change)?"""
    pattern = re.compile(rf"\b{re.escape(column)}\b", re.IGNORECASE)
    return any(pattern.search(change.added_text()) for change in changes)


# -- model signatures --------------------------------------------------------------------------------

COLSPEC = {"long": "integer", "integer": "integer", "int": "integer", "double": "float", "float": "float",
           "string": "string", "boolean": "boolean", "datetime": "timestamp", "binary": "binary"}
NUMERIC = {"integer", "decimal", "float"}
MIN_SHARED = 3  # columns a signature and a contract share before the model counts as reading that data


def check_against_signatures(evidence: Evidence, rules: RuleBook) -> ContractCheck:
    """A model whose signature reads a contract's dataset: every input it needs must be promised, with a type
    it can take (numbers feed numbers; a string does not feed a double)."""
    out = ContractCheck()
    if not evidence.contracts or not evidence.model_signatures:
        return out
    changes = {f.path: f for f in evidence.diff.files}
    for signature in evidence.model_signatures:
        inputs = {c.name.lower(): c for c in signature.inputs}
        best = max(evidence.contracts, key=lambda c: len(inputs.keys() & {x.name.lower() for x in c.columns}))
        promised = {c.name.lower(): c for c in best.columns}
        shared = inputs.keys() & promised.keys()
        if len(shared) < min(MIN_SHARED, len(inputs)) or len(shared) * 2 < len(inputs):
            out.skipped.append(Skipped(what=f"model signature {signature.source}",
                                       why="no data contract describes the columns it reads"))
            continue
        edited = _edited_columns(best, changes.get(best.path))
        signature_changed = signature.source in changes
        problems = 0
        for name, column in inputs.items():
            promise = promised.get(name)
            if promise is None:
                if not column.required:
                    continue
                problem, claim = (f"the model {signature.source} reads `{column.name}`, which {best.path} "
                                  f"({best.dataset}) does not promise"), f"{column.name}: not in the contract"
            else:
                wanted, _ = family(promise.type)
                have = COLSPEC.get((column.type or "").lower())
                if wanted is None or have is None or wanted == have or (wanted in NUMERIC and have in NUMERIC) \
                        or (wanted in ("date", "timestamp") and have == "timestamp"):
                    continue
                problem = (f"`{column.name}` is {promise.type} in {best.path} ({best.dataset}) but the model "
                           f"{signature.source} takes {column.type}")
                claim = f"{column.name}: {promise.type}"
            problems += 1
            finding = rules.finding(
                RULE, subject=column.name, message=f"{problem}; align the contract and the model signature.",
                citations=[Citation(artifact="design_doc",
                                    locator=(promise.locator if promise else None) or best.locator),
                           Citation(artifact="registry" if signature.source.startswith("run ") else "diff",
                                    locator=signature.locator)],
                path=best.path, line=locator_line(promise.locator if promise else None), claim=claim,
                intent_source=best.path, shipped=f"signature {column.name}: {column.type}")
            if finding is None:
                continue
            if promise is None:  # a column the contract stopped (or never started) promising
                introduced = signature_changed or best.path in changes
            else:
                introduced = signature_changed or edited is None or column.name in edited
            if not introduced:  # older drift between the two: said, lower
                finding = finding.model_copy(update={"severity": "low", "blocking": False})
            out.findings.append(finding)
        if not problems:
            out.checked.append(f"model signature {signature.source}: its {len(inputs)} input(s) are promised by "
                               f"{best.path} ({best.dataset}) with compatible types")
    return out


def check_contracts(evidence: Evidence, rules: RuleBook) -> ContractCheck:
    """Every contract against lineage schemas and model signatures."""
    lineage, signatures = check_against_lineage(evidence, rules), check_against_signatures(evidence, rules)
    return ContractCheck(findings=lineage.findings + signatures.findings, checked=lineage.checked + signatures.checked,
                         skipped=lineage.skipped + signatures.skipped)
