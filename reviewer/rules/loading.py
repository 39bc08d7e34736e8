"""Load the rule packs a review uses: built-in, the organisation's, and the base branch's own."""

from __future__ import annotations

from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.snapshot import read_text
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.rules.book import RuleBook, RulePack, build_rulebook, load_pack_text, select_packs

MAX_PACK_BYTES = 512 * 1024


def rulebook_for(source: ReviewInput, config: RepoConfig) -> tuple[RuleBook, list[Skipped]]:
    """Packs are read from the base tree only: a PR must not weaken the rules that judge it."""
    problems: list[Skipped] = []
    repo_packs: dict[str, RulePack] = {}
    for entry in config.rules.packs:
        if not entry.endswith((".yml", ".yaml")):
            continue
        text = read_text(source.base, entry, limit=MAX_PACK_BYTES)
        if text is None:
            continue  # reported by select_packs as not found
        try:
            repo_packs[entry] = load_pack_text(text, entry)
        except ValueError as exc:
            problems.append(Skipped(what=f"rule pack {entry}", why=str(exc)))
            repo_packs.pop(entry, None)
    org_packs: list[RulePack] = []
    for index, text in enumerate(source.org_packs):
        try:
            org_packs.append(load_pack_text(text, f"organisation pack {index + 1}"))
        except ValueError as exc:
            problems.append(Skipped(what=f"organisation rule pack {index + 1}", why=str(exc)))
    packs, missing = select_packs(config.rules.packs, repo_packs, org_packs)
    problems += [m for m in missing if m.what.removeprefix("rule pack ") not in _broken(problems)]
    book, override_problems = build_rulebook(config, packs)
    return book, [*problems, *override_problems]


def _broken(problems: list[Skipped]) -> set[str]:
    return {p.what.removeprefix("rule pack ") for p in problems}
