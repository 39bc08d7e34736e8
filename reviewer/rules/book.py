"""Rule packs: versioned YAML that says which checks run, how severe they are and if they block."""

from __future__ import annotations

import difflib
import functools
import logging
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any, TypeVar

import yaml
from custody.reviewer.gather.config import describe, line_of, yaml_error_line
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml, load_yaml_node
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.common import Citation, Degraded, Skipped
from custody.reviewer.model.findings import Finding, Severity
from custody.reviewer.rules.compile import cel_problem, rego_problem
from custody.reviewer.rules.params import BUILTIN_CHECKS, params_model
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PACKS_PACKAGE = "custody.reviewer.rules.packs"
log = logging.getLogger(__name__)
T = TypeVar("T")


class Check(BaseModel):
    """Exactly one of: a built-in comparator, a CEL expression, a Rego policy, an instruction."""

    model_config = ConfigDict(extra="forbid")

    builtin: str | None = None
    cel: str | None = None
    rego: str | None = None
    llm: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class Scope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paths: list[str] = Field(default_factory=list)
    artifacts: list[str] = Field(default_factory=list)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    agent: str
    kind: str
    severity: Severity
    blocking: bool = False
    scope: Scope = Field(default_factory=Scope)
    check: Check = Field(default_factory=Check)
    description: str = ""


class RulePack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pack: str
    version: str
    rules: list[Rule]


class RuleGuard:
    """Runs one rule's check at a time: a check that raises costs that rule only, which is then said
    (not checked, and a problem that keeps the review from passing), while the agent's other rules run."""

    def __init__(self) -> None:
        self.failed: dict[str, str] = {}

    def __call__(self, rule_id: str, check: Callable[[], Iterable[T]]) -> list[T]:
        if rule_id in self.failed:
            return []
        try:
            return list(check())
        except Exception as exc:  # one rule's defect must not sink its agent
            log.exception("rule %s failed", rule_id)
            self.failed[rule_id] = f"its check failed ({type(exc).__name__}); the rule was not run"
            return []

    def of(self, *rule_ids: str) -> _Section:
        """`with guard.of("rule.a", "rule.b"): ...`: a block that checks those rules; if it raises, they
        are reported as not run and the agent goes on with its next block."""
        return _Section(self, rule_ids)

    def report(self, result: AgentResult) -> None:
        for rule_id, why in self.failed.items():
            result.skipped.append(Skipped(what=f"rule {rule_id}", why=why))
            result.degraded.append(Degraded(what=f"rule {rule_id}", why=why))


class _Section:
    def __init__(self, guard: RuleGuard, rule_ids: tuple[str, ...]) -> None:
        self.guard, self.rule_ids = guard, rule_ids

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        if exc is None or not isinstance(exc, Exception):
            return False
        log.error("rules %s failed", ", ".join(self.rule_ids), exc_info=(kind, exc, tb))  # type: ignore[arg-type]
        for rule_id in self.rule_ids:
            self.guard.failed.setdefault(rule_id, f"its check failed ({type(exc).__name__}); the rule was not run")
        return True  # swallowed: the agent's other rules still run


class RuleBook:
    """The effective rules of one review: packs, then the repository's overrides."""

    def __init__(self, rules: list[Rule], disabled: set[str] | None = None,
                 broken: dict[str, str] | None = None) -> None:
        self.rules: dict[str, Rule] = {r.id: r for r in rules}
        self.disabled = disabled or set()
        self.broken: dict[str, str] = dict(broken or {})  # rule id -> why it cannot run: never run, always said
        self.versions: dict[str, str] = {}

    def get(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def enabled(self, rule_id: str) -> bool:
        return rule_id in self.rules and rule_id not in self.disabled and rule_id not in self.broken

    def param(self, rule_id: str, key: str, default: Any) -> Any:
        """A validated parameter of an enabled rule; the default for a rule that cannot run."""
        rule = self.rules.get(rule_id)
        return rule.check.params.get(key, default) if rule and rule_id not in self.broken else default

    def guard(self) -> RuleGuard:
        """A fresh guard for one agent's run: `guard(rule_id, lambda: check(...))`, then `guard.report(result)`."""
        return RuleGuard()

    def for_agent(self, agent: str) -> list[Rule]:
        return [r for r in self.rules.values() if r.agent == agent and self.enabled(r.id)]

    def finding(
        self,
        rule_id: str,
        *,
        subject: str,
        message: str,
        citations: list[Citation],
        path: str | None = None,
        line: int | None = None,
        confidence: float = 1.0,
        claim: str | None = None,
        intent_source: str | None = None,
        shipped: str | None = None,
    ) -> Finding | None:
        """A finding under this rule, or None when the rule is disabled or nothing is cited."""
        if not self.enabled(rule_id) or not citations:
            return None
        rule = self.rules[rule_id]
        return Finding(
            kind=rule.kind, agent=rule.agent, rule=rule.id, severity=rule.severity,
            blocking=rule.blocking, subject=subject, message=message, citations=citations,
            path=path, line=line, confidence=confidence, claim=claim,
            intent_source=intent_source, shipped=shipped,
        )


def load_pack_text(text: str, source: str) -> RulePack:
    """Parse one pack; raise ValueError naming the file, and the line where YAML says (a YAML bomb is
    refused unread: `check.params` keeps any value, so it would expand only when the rules are used)."""
    try:
        data = load_yaml(text, source)
    except YamlLimitError as exc:
        raise ValueError(str(exc)) from exc  # names the file and the limit, like every other refusal here
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ValueError(f"{source}{f':{line}' if line else ''}: not valid YAML") from exc
    try:
        return RulePack.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise ValueError(f"{source}: {loc}: {err['msg']}") from exc


class DroppedRule(BaseModel):
    """A rule of a pack that does not validate: dropped alone, its pack's other rules still run."""

    model_config = ConfigDict(frozen=True)

    index: int  # its place in the pack's `rules`
    rule_id: str | None  # its `id`, when it has a readable one
    line: int | None  # where it starts in the pack file
    problems: tuple[str, ...]  # each "file:line: what", in the words of someone who wrote the YAML
    check: Check | None = None  # its check, when that part is valid (lint checks its expression too)

    @property
    def what(self) -> str:
        return f"rule {self.rule_id}" if self.rule_id else f"rule #{self.index + 1}"


def parse_pack(text: str, source: str) -> tuple[RulePack, list[DroppedRule]]:
    """A pack whose broken rules are dropped one by one, each said with its file and line; ValueError only
    when the pack as a whole is unusable (not YAML, no `pack`/`version`, `rules` not a list)."""
    try:
        data, root = load_yaml_node(text, source)
    except YamlLimitError as exc:
        raise ValueError(str(exc)) from exc
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ValueError(f"{source}{f':{line}' if line else ''}: not valid YAML") from exc
    raw_rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(raw_rules, list):
        return load_pack_text(text, source), []
    try:
        shell = RulePack.model_validate({**data, "rules": []})
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ValueError(f"{source}:{line_of(root, tuple(err['loc'])) or 1}: {describe(err, RulePack)}") from exc
    rules: list[Rule] = []
    dropped: list[DroppedRule] = []
    for index, raw in enumerate(raw_rules):
        try:
            rules.append(Rule.model_validate(raw))
        except ValidationError as exc:
            problems = []
            for err in exc.errors():
                loc = ("rules", index, *err["loc"])
                problems.append(f"{source}:{line_of(root, loc) or 1}: {describe({**err, 'loc': loc}, RulePack)}")
            rule_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
            try:
                check = Check.model_validate(raw.get("check")) if isinstance(raw, dict) else None
            except ValidationError:
                check = None
            dropped.append(DroppedRule(index=index, rule_id=rule_id, line=line_of(root, ("rules", index)),
                                       problems=tuple(problems), check=check))
    return shell.model_copy(update={"rules": rules}), dropped


@functools.lru_cache(maxsize=64)
def _parsed_pack(text: str, source: str) -> RulePack:
    return load_pack_text(text, source)


def builtin_packs() -> list[RulePack]:
    """The packs shipped with Custody; parsed once per text and process (YAML parsing was most of
    a re-review's time), handed out as copies so no caller can change another's."""
    packs = []
    for entry in sorted(resources.files(PACKS_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yml", ".yaml")):
            packs.append(_parsed_pack(entry.read_text(encoding="utf-8"), entry.name).model_copy(deep=True))
    return packs


def select_packs(
    selection: list[str], repo_packs: dict[str, RulePack], org_packs: list[RulePack]
) -> tuple[list[RulePack], list[Skipped]]:
    """The packs a repository selects: `builtin`, a built-in pack by name, `org`, or a path."""
    builtin = {p.pack: p for p in builtin_packs()}
    chosen: list[RulePack] = []
    problems: list[Skipped] = []
    for entry in selection:
        if entry == "builtin":
            chosen.extend(builtin.values())
        elif entry in builtin:
            chosen.append(builtin[entry])
        elif entry == "org":
            chosen.extend(org_packs)
        elif entry in repo_packs:
            chosen.append(repo_packs[entry])
        else:
            problems.append(Skipped(what=f"rule pack {entry}", why="not found on the base branch"))
    return chosen, problems


class RuleProblem(BaseModel):
    """A rule, override, disable entry or pack the review could not use; `loc` is where in custody.yml."""

    model_config = ConfigDict(frozen=True)

    what: str
    why: str
    loc: tuple[str | int, ...] = ()
    rule: str | None = None  # the rule it is about, when it is one rule

    def degraded(self, where: str | None = None) -> Degraded:
        return Degraded(what=self.what, why=self.why, where=where)


def rule_problems(rule: Rule, builtin_ids: frozenset[str] | None = None) -> tuple[Rule, list[str]]:
    """The rule with its parameters validated against its check's schema (values normalised, `"0.9"`
    becomes 0.9), and every reason it cannot run: lint and review both call this one function."""
    problems: list[str] = []
    check = rule.check
    kinds = [k for k in ("builtin", "cel", "rego", "llm") if getattr(check, k)]
    if len(kinds) != 1:
        problems.append("the check needs exactly one of builtin, cel, rego, llm"
                        + (f" (it has {', '.join(kinds)})" if kinds else ""))
    if check.builtin is not None:
        if check.builtin not in BUILTIN_CHECKS:
            problems.append(f"no built-in check is called {check.builtin!r}")
        elif builtin_ids is not None and rule.id not in builtin_ids:
            problems.append("no built-in check implements this rule id; write it as a cel or rego check")
    model = params_model(check.builtin)
    try:
        params = model.model_validate(check.params).model_dump(exclude_unset=True)
        rule = rule.model_copy(update={"check": check.model_copy(update={"params": params})})
    except ValidationError as exc:
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"])
            if error["type"] == "extra_forbidden":
                known = sorted(model.model_fields)
                problems.append(f"unknown parameter `{key}`" + (f" (it takes {', '.join(known)})" if known
                                                                  else " (this check takes none)"))
            else:
                got = error.get("input")
                problems.append(f"parameter `{key}`: {error['msg']} (got {got!r})")
    if check.cel:
        problem = cel_problem(check.cel)
        if problem:
            problems.append(problem)
    if check.rego:
        problem = rego_problem(check.rego, check.params)
        if problem:
            problems.append(problem)
    return rule, problems


@functools.cache
def builtin_rule_ids() -> frozenset[str]:
    return frozenset(r.id for p in builtin_packs() for r in p.rules if r.check.builtin)


def build_rulebook(
    config: RepoConfig, packs: list[RulePack] | None = None
) -> tuple[RuleBook, list[RuleProblem]]:
    """The selected packs (all built-in ones by default), then the repository's overrides. Each rule
    is validated; a bad override is dropped (the rule runs as its pack says), a bad rule is dropped
    alone; each is one problem, which a review shows and never concludes `success` with."""
    problems: list[RuleProblem] = []
    rules: dict[str, Rule] = {}
    versions: dict[str, str] = {}
    builtin_ids = builtin_rule_ids()
    for pack in packs if packs is not None else builtin_packs():
        versions[pack.pack] = pack.version
        for rule in pack.rules:
            rules[rule.id] = rule
    broken: dict[str, str] = {}
    validated: dict[str, Rule] = {}
    for rule_id, rule in rules.items():
        checked, why = rule_problems(rule, builtin_ids)
        validated[rule_id] = checked
        if why:
            broken[rule_id] = "; ".join(why)
    for rule_id, override in config.rules.overrides.items():
        loc: tuple[str | int, ...] = ("rules", "overrides", rule_id)
        found = validated.get(rule_id)
        if found is None:
            close = difflib.get_close_matches(rule_id, list(rules), n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            problems.append(RuleProblem(what=f"override of rule {rule_id}", why=f"no such rule{hint}", loc=loc))
            continue
        update: dict[str, Any] = {}
        if override.severity is not None:
            update["severity"] = override.severity
        if override.blocking is not None:
            update["blocking"] = override.blocking
        if override.params:
            update["check"] = found.check.model_copy(update={"params": {**found.check.params, **override.params}})
        candidate, why = rule_problems(found.model_copy(update=update), builtin_ids)
        if why and rule_id not in broken:
            problems.append(RuleProblem(what=f"override of rule {rule_id}",
                                        why="; ".join(why) + "; the override was ignored and the rule runs "
                                        "as its pack says", loc=(*loc, "params"), rule=rule_id))
            continue
        validated[rule_id] = candidate
        if not why:
            broken.pop(rule_id, None)
    for index, rule_id in enumerate(config.rules.disable):
        if rule_id not in rules:
            close = difflib.get_close_matches(rule_id, list(rules), n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            problems.append(RuleProblem(what=f"disable rule {rule_id}", why=f"no such rule{hint}",
                                        loc=("rules", "disable", index)))
    disabled = set(config.rules.disable)
    problems += [RuleProblem(what=f"rule {rule_id}", why=f"{why}; the rule was not run", rule=rule_id)
                 for rule_id, why in broken.items() if rule_id not in disabled]
    book = RuleBook(list(validated.values()), disabled, {k: v for k, v in broken.items() if k not in disabled})
    book.versions = versions
    return book, problems
