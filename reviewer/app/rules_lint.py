"""`custody rules lint`: rule packs and custody.yml checked with file and line for every error.

Lint calls the very functions a review calls (`validate_config`, `build_rulebook`, `rule_problems`),
so what lint accepts a review runs, and what a review would drop lint names first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from custody.agents import AGENT_MODULES
from custody.reviewer.gather.config import describe, line_of, validate_config, yaml_error_text
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml_node
from custody.reviewer.rules.book import (
    RulePack,
    build_rulebook,
    builtin_packs,
    builtin_rule_ids,
    rule_problems,
    select_packs,
)
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
    return line_of(root, loc) or 1


def _load(path: str, text: str) -> tuple[Any, yaml.Node | None, list[LintError]]:
    try:
        data, root = load_yaml_node(text, path)
    except YamlLimitError as exc:
        return None, None, [LintError(path, 1, exc.reason)]
    except yaml.YAMLError as exc:
        line, message = yaml_error_text(exc)
        return None, None, [LintError(path, line or 1, message)]
    return data, root, []


def lint_pack(path: str, text: str, known_ids: set[str] | None = None) -> tuple[RulePack | None, list[LintError]]:
    data, root, errors = _load(path, text)
    if errors:
        return None, errors
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as exc:
        return None, [LintError(path, _line_of(root, tuple(e["loc"])), describe(e, RulePack)) for e in exc.errors()]
    ids = frozenset(known_ids) if known_ids is not None else builtin_rule_ids()
    seen: set[str] = set()
    for index, rule in enumerate(pack.rules):
        line = _line_of(root, ("rules", index))
        if rule.id in seen:
            errors.append(LintError(path, line, f"rule id {rule.id} appears twice"))
        seen.add(rule.id)
        if rule.agent not in AGENT_MODULES:
            errors.append(LintError(path, _line_of(root, ("rules", index, "agent")),
                                    f"{rule.id}: unknown agent {rule.agent!r} (one of {', '.join(AGENT_MODULES)})"))
        if rule.kind not in DELTA_KINDS and rule.kind.split(".")[0] in {k.split(".")[0] for k in DELTA_KINDS}:
            errors.append(LintError(path, _line_of(root, ("rules", index, "kind")),
                                    f"{rule.id}: unknown kind {rule.kind!r}; add project kinds under a prefix of "
                                    "your own"))
        for problem in rule_problems(rule, ids)[1]:
            errors.append(LintError(path, _line_of(root, ("rules", index, "check", *_check_key(rule, problem))),
                                    f"{rule.id}: {problem}"))
    return pack, errors


def _check_key(rule: Any, problem: str) -> tuple[str, ...]:
    """Which key of the check a problem is about, for its line."""
    if problem.startswith(("CEL", "Rego")):
        return ("cel",) if problem.startswith("CEL") else ("rego",)
    if "parameter `" in problem:
        return ("params", problem.split("`", 2)[1].split(".")[0])
    return ("builtin",) if rule.check.builtin else ()


def lint_config(path: str, text: str) -> list[LintError]:
    """custody.yml: every key, every override and disable entry, every pack it names."""
    data, root, errors = _load(path, text)
    if errors:
        return errors
    loaded = validate_config(data, root, path)
    errors += [LintError(path, issue.line or 1, issue.message) for issue in loaded.issues]
    config = loaded.config
    repo_root = Path(path).parent.parent if Path(path).parent.name == ".github" else Path(".")
    repo_packs: dict[str, RulePack] = {}
    for index, entry in enumerate(config.rules.packs):
        if entry in ("builtin", "org") or entry in {p.pack for p in builtin_packs()}:
            continue
        line = _line_of(root, ("rules", "packs", index))
        pack_path = repo_root / entry
        if not entry.endswith((".yml", ".yaml")):
            errors.append(LintError(path, line, f"rules.packs: {entry!r} is not builtin, org, a built-in pack "
                                    "name or a .yml path"))
        elif not pack_path.is_file():
            errors.append(LintError(path, line, f"rules.packs: {entry} does not exist (paths are relative to "
                                    "the repository root)"))
        else:
            pack, pack_errors = lint_pack(entry, pack_path.read_text(encoding="utf-8"))
            errors += pack_errors
            if pack is not None:
                repo_packs[entry] = pack
    packs, _ = select_packs(config.rules.packs, repo_packs, [])
    _, problems = build_rulebook(config, packs)
    org = "org" in config.rules.packs
    for problem in problems:
        if not problem.loc or (org and problem.why.startswith("no such rule")):
            continue  # a pack's own rule is linted in its pack; organisation rules are not known here
        errors.append(LintError(path, _line_of(root, problem.loc), f"{problem.what}: {problem.why}"))
    return errors


def lint_paths(paths: list[Path]) -> list[LintError]:
    """Lint packs and configs; a file named custody.yml is a config, anything else a pack."""
    known = set(builtin_rule_ids())
    errors: list[LintError] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            errors.append(LintError(str(path), 1, "no such file"))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(LintError(str(path), 1, f"unreadable: {type(exc).__name__}"))
            continue
        if path.name in ("custody.yml", "custody.yaml"):
            errors += lint_config(str(path), text)
        else:
            errors += lint_pack(str(path), text, known)[1]
    return errors
