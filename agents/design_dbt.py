"""dbt models against their properties files: a documented column the model's final select no longer
produces, a selected column an enforced contract does not document, and an enforced column whose
`data_type` changes. Only drift this PR makes: each mismatch is looked up in the base too, and one the
base already had (or one the PR fixes) is not reported."""

from __future__ import annotations

from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped, file_locator
from custody.reviewer.model.evidence.dbt import DbtColumn, DbtModel
from custody.reviewer.rules.book import RuleBook

RULE = "contract.dbt-columns-match"
PROPERTIES_RULE = "contract.dbt-properties-readable"


def _key(model: DbtModel) -> tuple[str, str]:
    return model.project, model.name.lower()


def _selected(model: DbtModel | None) -> set[str] | None:
    return None if model is None or model.selected is None else {c.name.lower() for c in model.selected}


def _documented(model: DbtModel | None) -> dict[str, DbtColumn] | None:
    return None if model is None or model.documented is None else {c.name.lower(): c for c in model.documented}


def _type(column: DbtColumn) -> str:
    return " ".join((column.data_type or "").lower().split())


def _select_locator(model: DbtModel) -> str:
    return model.selected[0].locator if model.selected else model.sql_path or ""


def check_dbt_columns(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    models = [m for m in evidence.dbt_models if m.sql_path and m.documented is not None]
    if not models:
        return
    base = {_key(m): m for m in evidence.base_dbt_models}
    for model in models:
        if model.selected is None:
            result.skipped.append(Skipped(what=f"dbt model {model.name} columns",
                                          why=f"{model.sql_path}: {model.unresolved or 'not read'}"))
            continue
        before = base.get(_key(model))
        # When the base's SQL did not resolve, whether a column drift is this PR's cannot be told.
        base_known = before is None or before.sql_path is None or before.selected is not None
        if base_known:
            _missing(model, before, rules, result)
        if base_known and model.enforced:
            _undocumented(model, before, rules, result)
        if model.enforced:
            _retyped(model, before, rules, result)
        result.checked.append(f"dbt model {model.name}: {model.sql_path} against {model.doc_path}")


def _missing(model: DbtModel, before: DbtModel | None, rules: RuleBook, result: AgentResult) -> None:
    """Documented columns the final select does not produce, where the base had them agree."""
    selected = _selected(model) or set()
    base_selected, base_documented = _selected(before), _documented(before)
    for column in model.documented or []:
        name = column.name.lower()
        if name in selected:
            continue
        if base_selected is not None and base_documented is not None and name in base_documented \
                and name not in base_selected:
            continue  # the base already documented it without selecting it: not this PR's drift
        if before is not None and base_selected is not None and name in base_selected:
            what = f"documents column `{column.name}` of dbt model `{model.name}`, but this PR removes it from " \
                   "the model's final select"
        elif base_documented is not None and name in base_documented:
            what = f"documents column `{column.name}` of dbt model `{model.name}`, which this PR's final select " \
                   "does not produce"
        else:
            what = f"gains column `{column.name}` of dbt model `{model.name}` in this PR, but the model's final " \
                   "select does not produce it"
        _report(model, column.name, column.locator,
                f"{model.doc_path} {what} ({model.sql_path} selects "
                f"{', '.join(c.name for c in model.selected or [])}); rename the documented column or the "
                f"selected one so they agree.",
                _select_locator(model), rules, result)


def _undocumented(model: DbtModel, before: DbtModel | None, rules: RuleBook, result: AgentResult) -> None:
    """Under an enforced contract, selected columns the properties file does not list (dbt fails the build)."""
    documented = _documented(model) or {}
    base_selected, base_documented = _selected(before), _documented(before)
    for column in model.selected or []:
        name = column.name.lower()
        if name in documented:
            continue
        if before is not None and before.enforced and base_selected is not None and name in base_selected \
                and base_documented is not None and name not in base_documented:
            continue  # the base's contract already left it out
        _report(model, column.name, model.doc_locator or model.doc_path or "",
                f"dbt model `{model.name}` enforces its contract, but its final select produces `{column.name}` "
                f"({column.locator}), which {model.doc_path} does not document: dbt stops the build on a "
                f"column the contract does not list.",
                column.locator, rules, result)


def _retyped(model: DbtModel, before: DbtModel | None, rules: RuleBook, result: AgentResult) -> None:
    """An enforced column whose documented `data_type` the PR changes: a breaking change for every reader."""
    old = _documented(before)
    if old is None:
        return
    for column in model.documented or []:
        was = old.get(column.name.lower())
        if was is None or not was.data_type or not column.data_type or _type(was) == _type(column):
            continue
        _report(model, column.name, column.locator,
                f"{model.doc_path} changes the enforced contract type of `{column.name}` of dbt model "
                f"`{model.name}` from `{was.data_type}` to `{column.data_type}`: a breaking change for every "
                f"model and consumer that reads it, which dbt expects as a new model version.",
                _select_locator(model), rules, result)


def _report(model: DbtModel, subject: str, doc_locator: str, message: str, sql_locator: str,
            rules: RuleBook, result: AgentResult) -> None:
    line = sql_locator.partition("#L")[2]
    finding = rules.finding(
        RULE, subject=subject, message=message,
        citations=[Citation(artifact="design_doc", locator=doc_locator),
                   Citation(artifact="diff", locator=sql_locator)],
        path=model.sql_path, line=int(line) if line.isdigit() else None,
        claim=f"{model.name}.{subject}", intent_source=model.doc_path,
        shipped=", ".join(c.name for c in model.selected or []))
    result.findings += [finding] if finding else []


def check_dbt_properties(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    """A properties file (any YAML under a dbt project's model paths) that this PR leaves unparseable:
    dbt stops parsing the whole project on it, so no model builds and no documented column is tested."""
    changed = {f.path for f in evidence.diff.files if f.status != "deleted"}
    broken_before = {u.path for u in evidence.base_dbt_unreadable}
    for unreadable in evidence.dbt_unreadable:
        if unreadable.path not in changed or unreadable.path in broken_before:
            continue
        where = file_locator(unreadable.path, unreadable.line)
        finding = rules.finding(
            PROPERTIES_RULE, subject=unreadable.path,
            message=f"This PR leaves {unreadable.path} {unreadable.why}: dbt reads every YAML file under its model "
                    f"paths and stops parsing the whole project on this one; fix the YAML (a plain value may not "
                    f"hold `: ` unquoted).",
            citations=[Citation(artifact="diff", locator=where)], path=unreadable.path, line=unreadable.line,
            claim="a readable dbt properties file", shipped=unreadable.why)
        result.findings += [finding] if finding else []
