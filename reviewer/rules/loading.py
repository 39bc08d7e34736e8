"""Load the rule packs a review uses: built-in, the organisation's, and the base branch's own."""

from __future__ import annotations

from custody.reviewer.gather.assemble import config_text
from custody.reviewer.gather.config import LoadedConfig, line_of, load_config
from custody.reviewer.gather.readers.safe_yaml import load_yaml_node
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.snapshot import read_text
from custody.reviewer.model.config import CONFIG_PATH, RepoConfig
from custody.reviewer.model.evidence.common import Degraded
from custody.reviewer.rules.book import (
    RuleBook,
    RulePack,
    build_rulebook,
    parse_pack,
    select_packs,
)

MAX_PACK_BYTES = 512 * 1024


def rulebook_for(source: ReviewInput, config: RepoConfig) -> tuple[RuleBook, list[Degraded]]:
    """Packs are read from the base tree only: a PR must not weaken the rules that judge it. Every pack,
    override or rule that cannot be used is one entry of the returned list, with its file and line."""
    problems: list[Degraded] = []
    repo_packs: dict[str, RulePack] = {}
    places: dict[str, str] = {}  # rule id -> "pack file:line" of the repository's own rules
    for entry in config.rules.packs:
        if not entry.endswith((".yml", ".yaml")):
            continue
        text = read_text(source.base, entry, limit=MAX_PACK_BYTES)
        if text is None:
            continue  # reported by select_packs as not found
        try:
            repo_packs[entry], dropped = parse_pack(text, entry)
        except ValueError as exc:
            problems.append(Degraded(what=f"rule pack {entry}", why=str(exc), where=entry))
            repo_packs.pop(entry, None)
            continue
        places.update(_rule_places(text, entry))
        # A rule that does not validate costs that rule only: the pack's other rules still run.
        problems += [Degraded(what=d.what, why="; ".join(d.problems) + "; the rule was not run",
                              where=f"{entry}:{d.line}" if d.line else entry) for d in dropped]
    org_packs: list[RulePack] = []
    for index, text in enumerate(source.org_packs):
        try:
            org_pack, dropped = parse_pack(text, f"organisation pack {index + 1}")
        except ValueError as exc:
            problems.append(Degraded(what=f"organisation rule pack {index + 1}", why=str(exc)))
            continue
        org_packs.append(org_pack)
        problems += [Degraded(what=d.what, why="; ".join(d.problems) + "; the rule was not run") for d in dropped]
    packs, missing = select_packs(config.rules.packs, repo_packs, org_packs)
    broken = {p.what.removeprefix("rule pack ") for p in problems}
    problems += [Degraded(what=m.what, why=m.why, where=CONFIG_PATH) for m in missing
                 if m.what.removeprefix("rule pack ") not in broken]
    book, rule_problems = build_rulebook(config, packs)
    lines = _config_lines(source)
    for problem in rule_problems:
        line = lines.line_of(problem.loc) if problem.loc else None
        where = f"{CONFIG_PATH}:{line}" if line else (CONFIG_PATH if problem.loc else
                                                      places.get(problem.rule or ""))
        problems.append(problem.degraded(where))
    return book, problems


def _config_lines(source: ReviewInput) -> LoadedConfig:
    return load_config(config_text(source)[0])


def _rule_places(text: str, entry: str) -> dict[str, str]:
    """Where each rule of a pack starts, so a rule the review drops is shown at its file and line."""
    data, root = load_yaml_node(text, entry)
    rules = data.get("rules") if isinstance(data, dict) else None
    return {raw["id"]: f"{entry}:{line_of(root, ('rules', index))}" for index, raw in enumerate(rules or [])
            if isinstance(raw, dict) and isinstance(raw.get("id"), str)}
