"""Parsing `/custody` comment lines into commands."""

from __future__ import annotations

import pytest
from custody.reviewer.app.github.commands import Command, parse_command


@pytest.mark.parametrize(("line", "command"), [
    ("/custody review", Command("review")),
    ("  /Custody REVIEW  ", Command("review")),
    ("/custody explain card.metric-matches-registry", Command("explain", "card.metric-matches-registry")),
    ("/custody waive hygiene.secret test key, rotated yesterday",
     Command("waive", "hygiene.secret", "test key, rotated yesterday")),
    ("/custody set review-tokens 20000", Command("set", "review-tokens", "20000")),
    ("/custody help", Command("help")),
])
def test_known_verbs_parse_with_their_rule_and_reason(line: str, command: Command) -> None:
    assert parse_command(line) == command


@pytest.mark.parametrize("line", ["/custody", "/custody dance", "custody review", "/custodyreview"])
def test_anything_else_is_help(line: str) -> None:
    assert parse_command(line).verb == "help"
