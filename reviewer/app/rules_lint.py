"""`custody rules lint`: rule packs and custody.yml checked with file and line for every error."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from custody.agents import AGENT_MODULES
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import RulePack, builtin_packs
from custody.reviewer.rules.expressions import RuleCheckError, evaluate_cel, evaluate_rego
from pydantic import ValidationError

DELTA_KINDS = {
    "ticket.missing", "ticket.unaddressed", "ticket.out_of_scope", "ticket.unverifiable",
    "card.missing", "card.stale", "card.metric_mismatch", "card.metric_unverifiable",
    "card.dataset_mismatch", "card.field_mismatch", "design.stage_missing", "design.stage_unplanned",
    "design.edge_mismatch", "design.param_mismatch", "registry.alias_moved", "promotion.gate_failed",
    "contract.schema_mismatch", "code.bug_risk", "code.devops",
}
CHECK_KINDS = ("builtin", "cel", "rego", "llm")


@dataclass
class LintError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    """The line of the deepest YAML node on a pydantic error path (1-based)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
        else:
            match = None
        if match is None:
            break
        node = match
        line = node.start_mark.line + 1
    return line


def _load(path: str, text: str) -> tuple[Any, yaml.Node | None, list[LintError]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, None, [LintError(path, mark.line + 1 if mark else 1, f"not valid YAML: {problem}")]
    return data, root, []


def lint_pack(path: str, text: str, known_ids: set[str]) -> tuple[RulePack | None, list[LintError]]:
    data, root, errors = _load(path, text)
    if errors:
        return None, errors
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as exc:
        return None, [LintError(path, _line_of(root, tuple(e["loc"])), f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
                      for e in exc.errors()]
    seen: set[str] = set()
    for index, rule in enumerate(pack.rules):
        line = _line_of(root, ("rules", index))
        if rule.id in seen:
            errors.append(LintError(path, line, f"rule id {rule.id} appears twice"))
        seen.add(rule.id)
        if rule.agent not in AGENT_MODULES:
            errors.append(LintError(path, line, f"{rule.id}: unknown agent {rule.agent!r}"))
        if rule.kind not in DELTA_KINDS and rule.kind.split(".")[0] in {k.split(".")[0] for k in DELTA_KINDS}:
            errors.append(LintError(path, line, f"{rule.id}: unknown kind {rule.kind!r}; "
                                    "add project kinds under a prefix of your own"))
        chosen = [k for k in CHECK_KINDS if getattr(rule.check, k)]
        if len(chosen) != 1:
            errors.append(LintError(path, line, f"{rule.id}: the check needs exactly one of {', '.join(CHECK_KINDS)}"))
        if rule.check.builtin and rule.id not in known_ids:
            errors.append(LintError(path, line, f"{rule.id}: no built-in check implements this rule id"))
        try:
            if rule.check.cel:
                evaluate_cel(rule.check.cel, _empty_evidence(), rule.check.params)
            if rule.check.rego:
                evaluate_rego(rule.check.rego, _empty_evidence(), rule.check.params)
        except RuleCheckError as exc:
            errors.append(LintError(path, _line_of(root, ("rules", index, "check")), f"{rule.id}: {exc}"))
    return pack, errors


def lint_config(path: str, text: str) -> list[LintError]:
    data, root, errors = _load(path, text)
    if errors or data is None:
        return errors
    try:
        RepoConfig.model_validate(data)
    except ValidationError as exc:
        return [LintError(path, _line_of(root, tuple(e["loc"])), f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
                for e in exc.errors()]
    return []


def lint_paths(paths: list[Path]) -> list[LintError]:
    """Lint packs and configs; a file named custody.yml is a config, anything else a pack."""
    known = {r.id for p in builtin_packs() for r in p.rules}
    errors: list[LintError] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(LintError(str(path), 1, f"unreadable: {type(exc).__name__}"))
            continue
        if path.name in ("custody.yml", "custody.yaml"):
            errors += lint_config(str(path), text)
        else:
            errors += lint_pack(str(path), text, known)[1]
    return errors


@functools.cache
def _empty_evidence() -> dict[str, Any]:
    """A minimal evidence document: expressions must at least evaluate against one."""
    document: dict[str, Any] = Evidence(pull_request=PullRequest(repo="o/r", number=1)).model_dump(
        mode="json", by_alias=True
    )
    return document
