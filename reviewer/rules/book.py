"""Rule packs: versioned YAML that says which checks run, how severe they are and if they block."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml
from custody.reviewer.gather.config import yaml_error_line
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.findings import Finding, Severity
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PACKS_PACKAGE = "custody.reviewer.rules.packs"


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


class RuleBook:
    """The effective rules of one review: packs, then the repository's overrides."""

    def __init__(self, rules: list[Rule], disabled: set[str] | None = None) -> None:
        self.rules: dict[str, Rule] = {r.id: r for r in rules}
        self.disabled = disabled or set()
        self.versions: dict[str, str] = {}

    def get(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def enabled(self, rule_id: str) -> bool:
        return rule_id in self.rules and rule_id not in self.disabled

    def param(self, rule_id: str, key: str, default: Any) -> Any:
        rule = self.rules.get(rule_id)
        return rule.check.params.get(key, default) if rule else default

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


def build_rulebook(
    config: RepoConfig, packs: list[RulePack] | None = None
) -> tuple[RuleBook, list[Skipped]]:
    """The selected packs (all built-in ones by default), then the repository's overrides."""
    problems: list[Skipped] = []
    rules: dict[str, Rule] = {}
    versions: dict[str, str] = {}
    for pack in packs if packs is not None else builtin_packs():
        versions[pack.pack] = pack.version
        for rule in pack.rules:
            rules[rule.id] = rule
    for rule_id, override in config.rules.overrides.items():
        found = rules.get(rule_id)
        if found is None:
            problems.append(Skipped(what=f"override of rule {rule_id}", why="no such rule"))
            continue
        rule = found
        update: dict[str, Any] = {}
        if override.severity is not None:
            update["severity"] = override.severity
        if override.blocking is not None:
            update["blocking"] = override.blocking
        if override.params:
            update["check"] = rule.check.model_copy(
                update={"params": {**rule.check.params, **override.params}}
            )
        rules[rule_id] = rule.model_copy(update=update)
    unknown = [r for r in config.rules.disable if r not in rules]
    problems.extend(Skipped(what=f"disable rule {r}", why="no such rule") for r in unknown)
    book = RuleBook(list(rules.values()), set(config.rules.disable))
    book.versions = versions
    return book, problems


