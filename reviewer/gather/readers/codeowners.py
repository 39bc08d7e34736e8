"""CODEOWNERS: who owns the files a pull request changes, as GitHub reads the file.

GitHub takes the first of `.github/CODEOWNERS`, `CODEOWNERS` and `docs/CODEOWNERS` on the base
branch; patterns follow gitignore rules, the last matching line wins, and a line without owners
leaves its files unowned. A malformed line is reported, never fatal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
MAX_LINES = 5_000


@dataclass(frozen=True)
class OwnerRule:
    line: int
    pattern: GitIgnoreBasicPattern
    owners: tuple[str, ...]


@dataclass
class CodeOwners:
    rules: list[OwnerRule] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def owners_of(self, path: str) -> tuple[str, ...]:
        for rule in reversed(self.rules):
            if rule.pattern.match_file(path) is not None:
                return rule.owners
        return ()

    def owners_of_all(self, paths: Iterable[str]) -> list[str]:
        """Every owner of any of `paths`, sorted, each once."""
        return sorted({owner for path in paths for owner in self.owners_of(path)})


def _is_owner(word: str) -> bool:
    return (word.startswith("@") and len(word) > 1) or ("@" in word and "." in word.split("@")[-1])


def parse_codeowners(text: str) -> CodeOwners:
    out = CodeOwners()
    for number, raw in enumerate(text.splitlines()[:MAX_LINES], start=1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        pattern, *owners = line.replace("\\ ", "\0").split()
        pattern = pattern.replace("\0", " ")
        if pattern.startswith("!") or "[" in pattern:
            out.problems.append(f"line {number}: `{pattern[:80]}` uses syntax CODEOWNERS does not support")
            continue
        bad = [o for o in owners if not _is_owner(o)]
        if bad:
            out.problems.append(f"line {number}: `{bad[0][:80]}` is not a @user, @org/team or e-mail address")
            continue
        try:
            compiled = GitIgnoreBasicPattern(pattern.replace("\\#", "#"))
        except Exception:  # pathspec raises several types for patterns it cannot compile
            out.problems.append(f"line {number}: `{pattern[:80]}` is not a valid pattern")
            continue
        out.rules.append(OwnerRule(number, compiled, tuple(o.lower() for o in owners)))
    return out
