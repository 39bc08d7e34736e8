"""`/custody` commands in PR comments: review, explain a rule, waive a rule with a reason, set an
allow-listed setting."""

from __future__ import annotations

import re
from dataclasses import dataclass

# `/custody waive RULE reason...`: the rule id is dotted words; the reason is everything after it.
# `/custody set KEY VALUE` reads the same way: the key where the rule is, the value where the reason is.
COMMAND = re.compile(
    r"""^/custody\s+
        (?P<verb>review|explain|waive|set|help)\b
        (?:\s+(?P<rule>[A-Za-z0-9_.\-]+))?
        (?:\s+(?P<reason>.+))?
        \s*$""",
    re.VERBOSE | re.IGNORECASE,
)
HELP = ("Custody understands `/custody review`, `/custody explain RULE`, `/custody waive RULE <reason>` and "
        "`/custody set model on|off` or `/custody set review-tokens N` (waivers and settings need write access "
        "to the repository).")


@dataclass(frozen=True)
class Command:
    verb: str
    rule: str | None = None
    reason: str | None = None


def parse_command(line: str) -> Command:
    match = COMMAND.match(line.strip())
    if match is None:
        return Command("help")
    return Command(match["verb"].lower(), match["rule"], (match["reason"] or "").strip() or None)
