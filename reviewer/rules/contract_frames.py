"""Data contracts against the pandera schemas the code validates the same table with.

A pandera schema (`pa.DataFrameModel`, `pa.DataFrameSchema`) is the code's own statement of a table's
columns, checked at run time; a data contract (ODCS, datacontract.com) is the promise to the table's
readers. A schema is paired with the contract that shares most of its column names (at least three, and
half of either side), and then:
- a required contract column that a strict schema (`strict = True`: no other column may exist) does not
  declare is a column the table cannot have;
- a column both declare with types of different kinds (a string the contract promises, an integer the code
  writes; numbers of different widths are one kind) is a retyped column;
- a column this PR removes from the contract while the schema still requires it is one the table keeps
  carrying, and the code keeps reading, without a promise.
Only drift between the two is judged, never a column one of them adds; drift already present at the base
commit is said at low severity. A schema whose columns cannot all be seen (inheritance from another file,
regex columns) is never read, so it is never judged.
"""

from __future__ import annotations

from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, locator_line
from custody.reviewer.model.evidence.design import ContractColumn, DataContract
from custody.reviewer.model.evidence.frames import FrameColumn, FrameSchema
from custody.reviewer.model.findings import Finding
from custody.reviewer.rules.book import RuleBook
from custody.reviewer.rules.contract_lineage import ContractCheck, family

RULE = "contract.frame-schema-matches"
MIN_SHARED = 3
KINDS = {"integer": "number", "float": "number", "decimal": "number", "string": "text", "boolean": "boolean",
         "timestamp": "time", "date": "time", "time": "time"}


def _names(columns: list[ContractColumn] | list[FrameColumn]) -> set[str]:
    return {c.name.lower() for c in columns}


def pair(schema: FrameSchema, contracts: list[DataContract]) -> DataContract | None:
    """The contract describing the table this schema validates, by shared column names; None if none clearly."""
    if not contracts:
        return None
    mine = _names(schema.columns)
    best = max(contracts, key=lambda c: len(mine & _names(c.columns)))
    shared = len(mine & _names(best.columns))
    if shared < MIN_SHARED or shared * 2 < len(mine) or shared * 2 < len(best.columns):
        return None
    return best


def _kind(kind: str | None) -> str | None:
    found, _ = family(kind)
    return KINDS.get(found) if found else None


def _problems(schema: FrameSchema, contract: DataContract) -> dict[tuple[str, str], tuple[ContractColumn | None,
                                                                                          FrameColumn | None]]:
    """(problem, column) -> the two sides, for every drift between a schema and its contract."""
    columns = {c.name.lower(): c for c in schema.columns}
    out: dict[tuple[str, str], tuple[ContractColumn | None, FrameColumn | None]] = {}
    for promised in contract.columns:
        key = promised.name.lower()
        declared = columns.get(key)
        if declared is None:
            if promised.required and schema.strict:
                out[("absent", key)] = (promised, None)
            continue
        wanted = _kind(promised.type) or _kind(promised.physical_type)
        have = KINDS.get(declared.family) if declared.family else None
        if wanted and have and wanted != have:
            out[("type", key)] = (promised, declared)
    return out


def _same(items: list[FrameSchema], schema: FrameSchema) -> FrameSchema | None:
    return next((s for s in items if s.path == schema.path and s.name == schema.name), None)


def _base_contract(evidence: Evidence, contract: DataContract) -> DataContract | None:
    return next((c for c in evidence.base_contracts if c.path == contract.path and c.dataset == contract.dataset),
                None)


def check_against_frames(evidence: Evidence, rules: RuleBook) -> ContractCheck:
    """Every pandera schema of the head tree against the data contract of the table it validates."""
    out = ContractCheck()
    if not evidence.contracts or not evidence.frame_schemas:
        return out
    changed = {f.path for f in evidence.diff.files}
    for schema in evidence.frame_schemas:
        contract = pair(schema, evidence.contracts)
        if contract is None:
            continue
        if schema.path not in changed and contract.path not in changed:
            out.checked.append(f"pandera schema {schema.name} ({schema.path}) against {contract.path}: neither "
                               f"changed")
            continue
        base_schema = _same(evidence.base_frame_schemas, schema)
        base_contract = _base_contract(evidence, contract)
        before = _problems(base_schema, base_contract) if base_schema and base_contract else {}
        problems = _problems(schema, contract)
        for (problem, key), (promised, declared) in problems.items():
            finding = _finding(rules, schema, contract, problem, promised, declared)
            if finding is not None:
                if (problem, key) in before:
                    finding = finding.model_copy(update={"severity": "low", "blocking": False})
                out.findings.append(finding)
        dropped = _dropped(schema, contract, base_contract)
        for declared, gone in dropped:
            finding = rules.finding(
                RULE, subject=declared.name,
                message=f"{contract.path} ({contract.dataset}) no longer promises `{gone.name}`, but "
                        f"{schema.path} ({schema.name}) still requires it, so the table keeps it and its readers "
                        f"keep reading it without a promise; drop it from the code too, or keep it in the contract.",
                citations=[Citation(artifact="design_doc", locator=contract.locator),
                           Citation(artifact="diff", locator=declared.locator or schema.locator)],
                path=contract.path, claim=f"{gone.name}: not in the contract",
                intent_source=contract.path, shipped=f"{schema.name}.{declared.name}: {declared.dtype or 'any'}")
            if finding is not None:
                out.findings.append(finding)
        if not problems and not dropped:
            out.checked.append(f"pandera schema {schema.name} ({schema.path}): its {len(schema.columns)} column(s) "
                               f"agree with {contract.path} ({contract.dataset})")
    return out


def _dropped(schema: FrameSchema, contract: DataContract,
             base_contract: DataContract | None) -> list[tuple[FrameColumn, ContractColumn]]:
    """Columns this PR takes out of the contract that the schema still requires."""
    if base_contract is None:
        return []
    now = _names(contract.columns)
    declared = {c.name.lower(): c for c in schema.columns if c.required}
    return [(declared[c.name.lower()], c) for c in base_contract.columns
            if c.name.lower() not in now and c.name.lower() in declared]


def _finding(rules: RuleBook, schema: FrameSchema, contract: DataContract, problem: str,
             promised: ContractColumn | None, declared: FrameColumn | None) -> Finding | None:
    assert promised is not None
    if problem == "absent":
        message = (f"{contract.path} ({contract.dataset}) requires `{promised.name}`, but the strict pandera schema "
                   f"{schema.name} ({schema.path}) does not declare it, so the table cannot have it; rename or "
                   f"add it on one side so the two agree.")
        shipped = f"{schema.name}: no {promised.name}"
    else:
        assert declared is not None
        message = (f"`{promised.name}` is {promised.type or promised.physical_type} in {contract.path} "
                   f"({contract.dataset}) but {declared.dtype} in the pandera schema {schema.name} ({schema.path}); "
                   f"align the contract and the code.")
        shipped = f"{schema.name}.{declared.name}: {declared.dtype}"
    return rules.finding(
        RULE, subject=promised.name, message=message,
        citations=[Citation(artifact="design_doc", locator=promised.locator or contract.locator),
                   Citation(artifact="diff", locator=(declared.locator if declared else None) or schema.locator)],
        path=contract.path, line=locator_line(promised.locator), claim=f"{promised.name}: {promised.type or 'any'}"
                                                               f"{' (required)' if promised.required else ''}",
        intent_source=contract.path, shipped=shipped)

