"""`custody rules lint`: rule packs and custody.yml checked with file and line for every error.

Lint calls the very functions a review calls (`validate_config`, `build_rulebook`, `rule_problems`),
so what lint accepts a review runs, and what a review would drop lint names first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from custody.agents import AGENT_MODULES
from custody.reviewer.gather.config import describe, line_of, validate_config, yaml_error_text
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml_node
from custody.reviewer.rules.book import (
    Check,
    RulePack,
    build_rulebook,
    builtin_packs,
    builtin_rule_ids,
    parse_pack,
    rule_problems,
    select_packs,
)
from custody.reviewer.rules.compile import cel_problem, path_problems, rego_problem
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
    warning: bool = False  # said, but the configuration still runs as written

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'warning: ' if self.warning else ''}{self.message}"


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
    """Every problem of every rule in one run: a rule whose keys do not validate is reported (as a review
    drops it alone) and its expression is still checked, and so are all the other rules."""
    data, root, errors = _load(path, text)
    if errors:
        return None, errors
    try:
        RulePack.model_validate(data)
    except ValidationError as exc:
        errors += [LintError(path, _line_of(root, tuple(e["loc"])), describe(e, RulePack)) for e in exc.errors()]
    try:
        pack, dropped = parse_pack(text, path)
    except ValueError:
        return None, errors  # the pack as a whole is unusable; its errors are listed above
    lines = text.splitlines()
    for gone in dropped:
        if gone.check is not None:
            label = f"{gone.rule_id}: " if gone.rule_id else ""
            errors += _expression_errors(path, root, lines, ("rules", gone.index, "check"), gone.check, label)
    ids = frozenset(known_ids) if known_ids is not None else builtin_rule_ids()
    seen: set[str] = set()
    indexes = [i for i in range(len(data["rules"])) if i not in {d.index for d in dropped}]
    for index, rule in zip(indexes, pack.rules, strict=True):
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
        check_loc = ("rules", index, "check")
        for problem in rule_problems(rule, ids)[1]:
            if problem.startswith(("CEL", "Rego")):
                continue  # said below, at the line inside the expression
            errors.append(LintError(path, _line_of(root, (*check_loc, *_check_key(rule, problem))),
                                    f"{rule.id}: {problem}"))
        errors += _expression_errors(path, root, lines, check_loc, rule.check, f"{rule.id}: ")
    errors.sort(key=lambda e: e.line)
    return pack, errors


def _check_key(rule: Any, problem: str) -> tuple[str, ...]:
    """Which key of the check a problem is about, for its line."""
    if "parameter `" in problem:
        return ("params", problem.split("`", 2)[1].split(".")[0])
    return ("builtin",) if rule.check.builtin else ()


def _expression_errors(path: str, root: yaml.Node | None, lines: list[str], check_loc: tuple[Any, ...],
                       check: Check, label: str) -> list[LintError]:
    """A check's CEL or Rego problems (the very ones a review drops the rule for), each at the file line
    of the mistake inside the `cel:`/`rego:` block rather than the line of the key."""
    key, source = ("cel", check.cel) if check.cel else ("rego", check.rego)
    if not source:
        return []
    problem = cel_problem(source) if key == "cel" else rego_problem(source, check.params)
    if problem is None:
        return []
    node = _node_at(root, (*check_loc, key))
    key_line = _line_of(root, (*check_loc, key))
    where = re.search(r"at line (\d+), column (\d+) of the (?:expression|policy)", problem)
    if where:
        line = _block_line(node, lines, int(where.group(1)), int(where.group(2))) or key_line
        return [LintError(path, line, f"{label}{problem}")]
    language = "CEL" if key == "cel" else "Rego"
    fields = path_problems(source, "evidence" if key == "cel" else "input")
    if not fields:
        return [LintError(path, key_line, f"{label}{problem}")]
    errors = []
    for field in fields:
        chain = re.match(r"`([^`]+)` has no field `([^`]+)`", field)
        found = _text_line(node, lines, f"{chain.group(1)}.{chain.group(2)}") if chain else None
        errors.append(LintError(path, found or key_line, f"{label}{language}: {field}"))
    return errors


def _node_at(root: yaml.Node | None, loc: tuple[Any, ...]) -> yaml.Node | None:
    node = root
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return None
    return node


def _block_span(node: yaml.Node | None) -> tuple[int, int] | None:
    """The 0-based file lines an expression's text occupies: after the `|`/`>` indicator for a block."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    first = node.start_mark.line + (1 if node.style in ("|", ">") else 0)
    return first, max(first, node.end_mark.line)


def _block_line(node: yaml.Node | None, lines: list[str], line: int, column: int) -> int | None:
    """The 1-based file line of line/column of an expression: one file line per line for `|` and plain
    text; for `>` (folded: its lines are joined with spaces) the file line the column falls in."""
    span = _block_span(node)
    if span is None:
        return None
    first, last = span
    if getattr(node, "style", None) != ">":
        return min(first + line, last + 1)
    offset = 0
    for number in range(first, last + 1):
        width = len(lines[number].strip()) + 1 if number < len(lines) else 1
        if column <= offset + width:
            return number + 1
        offset += width
    return last + 1


def _text_line(node: yaml.Node | None, lines: list[str], text: str) -> int | None:
    span = _block_span(node)
    if span is None:
        return None
    pattern = re.compile(rf"{re.escape(text)}(?!\w)")
    return next((n + 1 for n in range(span[0], min(span[1] + 1, len(lines))) if pattern.search(lines[n])), None)


def lint_config(path: str, text: str, checked: list[str] | None = None) -> list[LintError]:
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
            if checked is not None:
                checked.append(entry)
            errors += pack_errors
            if pack is not None:
                repo_packs[entry] = pack
    packs, _ = select_packs(config.rules.packs, repo_packs, [])
    promotion = config.promotion
    if promotion is None or not (promotion.production_alias or promotion.production_stage):
        for entry, pack in repo_packs.items():
            errors += [LintError(entry, 1, f"{rule.id} reads `moves`, which lists only moves of the production "
                                 "alias or stage: set promotion.production_alias (or production_stage) in "
                                 f"{path}, or it is empty unless a model card claims one", warning=True)
                       for rule in pack.rules if re.search(r"\b(?:evidence|input)\.moves\b",
                                                           rule.check.cel or rule.check.rego or "")]
    _, problems = build_rulebook(config, packs)
    org = "org" in config.rules.packs
    for problem in problems:
        if not problem.loc or (org and problem.why.startswith("no such rule")):
            continue  # a pack's own rule is linted in its pack; organisation rules are not known here
        errors.append(LintError(path, _line_of(root, problem.loc), f"{problem.what}: {problem.why}"))
    return errors


def lint_paths(paths: list[Path], checked: list[str] | None = None) -> list[LintError]:
    """Lint packs and configs; a file named custody.yml is a config (and the packs it names are linted
    too), a folder is a repository (its .github/custody.yml), anything else a pack. Every file read is
    appended to `checked`, for the count."""
    known = set(builtin_rule_ids())
    errors: list[LintError] = []
    checked = [] if checked is None else checked
    for path in paths:
        if path.is_dir():
            config = next((path / ".github" / n for n in ("custody.yml", "custody.yaml")
                           if (path / ".github" / n).is_file()), None)
            if config is None:
                errors.append(LintError(str(path), 1, "a folder with no .github/custody.yml: give a repository "
                                        "folder, a custody.yml, or a rule pack file"))
                continue
            path = config
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            errors.append(LintError(str(path), 1, "no such file"))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(LintError(str(path), 1, f"unreadable: {exc.strerror or exc}"
                                    if isinstance(exc, OSError) else "unreadable: not UTF-8 text"))
            continue
        checked.append(str(path))
        if path.name in ("custody.yml", "custody.yaml"):
            errors += lint_config(str(path), text, checked)
        else:
            errors += lint_pack(str(path), text, known)[1]
    return errors
