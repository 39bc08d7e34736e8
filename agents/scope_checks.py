"""Criteria a program can check beyond literal words: registry records, naming conventions, tests.

Each check answers with an `Outcome`: met (and what showed it), unmet (and the evidence that shows
it), or not verifiable (and why). A helper of the scope agent, not an agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from custody.agents.scope_facts import ChangeFacts
from custody.reviewer.gather.metric_names import canonical
from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.gather.readers.code_changes import AddedName, is_test_path
from custody.reviewer.gather.readers.criteria import VERSION_NUMBER, Convention, RecordAsk, RegistryAsk
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.evidence.registry import ModelVersion, Registry

NOT_GOVERNED = {"main", "setup", "run", "cli"}


@dataclass
class Outcome:
    met: bool | None  # None: not verifiable
    detail: str  # what showed it met, what is missing, or why it cannot be checked
    subject: str = ""
    citations: list[Citation] = field(default_factory=list)
    path: str | None = None
    line: int | None = None


# ---- registry records -------------------------------------------------------------------------
def _candidate_versions(evidence: Evidence, registry: Registry, ask: RegistryAsk, text: str) -> list[ModelVersion]:
    promo = evidence.config.promotion
    names = [m.name for m in registry.models]
    names += [v.name for v in registry.versions if v.name not in names]
    wanted = [n for n in names if promo and promo.registered_model == n]
    if not wanted:
        squashed = normalize_name(text, drop_org=False)
        wanted = [n for n in names if len(normalize_name(n)) >= 3 and normalize_name(n) in squashed]
    wanted = wanted or names
    pr = evidence.pull_request
    named = ask.version or next((m["num"] for m in VERSION_NUMBER.finditer(f"{pr.title}\n{pr.body}")), None)
    cards = [re.sub(r"\D", "", c.version.value.rsplit("/", 1)[-1]) for c in evidence.model_cards if c.version]
    named = named or next((v for v in cards if v), None)  # else the version the model card describes
    out: list[ModelVersion] = []
    for name in wanted:
        versions = registry.versions_of(name)
        chosen = next((v for v in versions if named and v.version == named), None)
        if chosen is None and versions:
            chosen = versions[-1]
        if chosen is not None:
            out.append(chosen)
    return out


def _same_value(asked: str, recorded: str) -> bool:
    if asked.strip().lower() == recorded.strip().lower():
        return True
    try:
        decimals = len(asked.split(".", 1)[1]) if "." in asked else 0
        return round(float(recorded), decimals) == float(asked)
    except ValueError:
        return False


def _recorded(record: RecordAsk, version: ModelVersion, registry: Registry) -> tuple[str, str] | None:
    """(where, value) of the record on the version or its run, if it is there."""
    run = registry.run(version.run_id)
    key = normalize_name(record.key, drop_org=False)
    places: list[tuple[str, dict[str, str]]] = []
    if record.kind in ("tag", "any"):
        places += [("version tag", version.tags), ("run tag", run.tags if run else {})]
    if record.kind in ("param", "any"):
        places += [("run param", run.params if run else {}), ("version tag", version.tags)]
    if record.kind == "metric":
        places += [("version tag", version.tags)]
    for where, values in places:
        for name, value in values.items():
            if normalize_name(name, drop_org=False) == key:
                return where, value
    if record.kind in ("metric", "any") and run is not None:
        for metric in run.metrics:
            if canonical(metric.key) == canonical(record.key) or normalize_name(metric.key, drop_org=False) == key:
                latest = run.metric(metric.key)
                return "run metric", str(latest.value if latest else metric.value)
    return None


def check_registry(evidence: Evidence, ask: RegistryAsk, text: str, added_text: str) -> Outcome:
    registry = evidence.registry
    keys = ", ".join(f"`{r.key}`" for r in ask.records)
    if registry is None or not registry.versions:
        if all(normalize_name(r.key, drop_org=False) in added_text for r in ask.records):
            return Outcome(True, f"{keys} is written by the change (no registry record to confirm it)")
        return Outcome(None, "about a registry record, and no registry snapshot was provided")
    models = {normalize_name(n) for n in [*(m.name for m in registry.models), *(v.name for v in registry.versions)]}
    records = tuple(r for r in ask.records if normalize_name(r.key) not in models)
    if not records:
        return Outcome(None, "it names a registered model, not a record on its version")
    ask = RegistryAsk(records, ask.version)
    keys = ", ".join(f"`{r.key}`" for r in ask.records)
    versions = _candidate_versions(evidence, registry, ask, text)
    if not versions:
        return Outcome(None, "no registered version to check it against")
    for version in versions:
        missing: list[str] = []
        for record in ask.records:
            found = _recorded(record, version, registry)
            if found is None:
                missing.append(f"no {record.kind if record.kind != 'any' else 'tag, param or metric'} `{record.key}`")
            elif record.value is not None and not _same_value(record.value, found[1]):
                missing.append(f"{found[0]} `{record.key}` is `{found[1]}`, not `{record.value}`")
        if not missing:
            return Outcome(True, f"{keys} recorded on {version.name} version {version.version}")
    version = versions[0]
    locator = f"{registry.source}#/model_versions/{version.name}/{version.version}"
    return Outcome(False, f"{version.name} version {version.version} has {'; '.join(missing)}",
                   subject=", ".join(r.key for r in ask.records),
                   citations=[Citation(artifact="registry", locator=locator)])


# ---- values a criterion fixes -------------------------------------------------------------------
def _number(text: str | None) -> float | None:
    try:
        return float(str(text).strip().strip("\"'")) if text is not None else None
    except ValueError:
        return None


def check_values(facts: ChangeFacts, asks: list[tuple[str, str]]) -> Outcome | None:
    """A key the criterion sets to a number, and the change sets to another: unmet. A key the change
    does not set is left to the other checks (None)."""
    for key, wanted in asks:
        name = normalize_name(key, drop_org=False)
        changes = [k for k in facts.keys if k.new is not None
                   and name in (normalize_name(k.leaf, drop_org=False), normalize_name(k.key, drop_org=False))]
        if not changes:
            continue
        decimals = len(wanted.split(".", 1)[1]) if "." in wanted else 0
        good = [k for k in changes if (v := _number(k.new)) is not None and round(v, decimals) == float(wanted)]
        if good:
            continue
        bad = changes[-1]
        return Outcome(False, f"{bad.path}:{bad.line} sets `{bad.key}` to `{bad.new}`, not {wanted}",
                       subject=key, path=bad.path, line=bad.line,
                       citations=[Citation(artifact="diff", locator=f"{bad.path}#L{bad.line}")])
    return None


# ---- naming conventions -----------------------------------------------------------------------
def _governed(name: AddedName, targets: tuple[str, ...]) -> bool:
    if name.kind in ("function", "method") and name.name.startswith("test"):
        return "test" in targets and is_test_path(name.path)
    if name.kind in ("function", "method", "class") and is_test_path(name.path):
        return False
    if name.name.startswith("_") or name.name in NOT_GOVERNED:
        return False
    if name.kind == "file":
        return "file" in targets and not name.path.endswith((".md", ".rst", ".txt")) and name.name != "__init__"
    return name.kind in targets


def check_convention(facts: ChangeFacts, convention: Convention) -> Outcome:
    keys = [AddedName("key", k.leaf, k.path, k.line) for k in facts.keys if k.old is None and k.new is not None]
    names = [n for n in [*facts.names, *keys] if _governed(n, convention.targets)]
    if not names:
        return Outcome(None, f"the change adds no {' or '.join(convention.targets)} name for {convention.described} "
                             "to govern")
    pattern = re.compile(convention.pattern)
    bad = [n for n in names if not pattern.fullmatch(n.name)]
    if not bad:
        return Outcome(True, f"{len(names)} added name(s) follow {convention.described}")
    conforming_files = {n.path for n in names if pattern.fullmatch(n.name)}
    if conforming_files and not convention.described.lower().endswith("case"):
        # A template or an affix governs the names of one family: judge the files that hold the family.
        bad = [n for n in bad if n.path in conforming_files]
        if not bad:
            return Outcome(True, f"added names of the family follow {convention.described}")
    shown = ", ".join(f"`{n.name}` ({n.path}:{n.line})" for n in bad[:3])
    first = bad[0]
    return Outcome(False, f"{shown} do{'es' if len(bad) == 1 else ''} not follow {convention.described}",
                   subject=first.name, path=first.path, line=first.line,
                   citations=[Citation(artifact="diff", locator=f"{first.path}#L{first.line}")])


# ---- tests ------------------------------------------------------------------------------------
def check_tests(facts: ChangeFacts) -> Outcome:
    if facts.tests:
        shown = ", ".join(f"{t.name} ({t.path}:{t.line})" for t in facts.tests[:3])
        return Outcome(True, f"{len(facts.tests)} test function(s) added or changed: {shown}")
    if facts.skips:
        skip = facts.skips[0]
        return Outcome(False, f"the change adds no test function; it only adds skip marker `{skip.text[:60]}` at "
                              f"{skip.path}:{skip.line}, which is not a test",
                       subject="tests", path=skip.path, line=skip.line,
                       citations=[Citation(artifact="diff", locator=f"{skip.path}#L{skip.line}")])
    return Outcome(False, "no test function is added or changed anywhere in the diff", subject="tests",
                   citations=[Citation(artifact="diff", locator="diff")])
