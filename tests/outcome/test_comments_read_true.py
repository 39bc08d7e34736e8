"""Every scenario under benchmark/ and examples/ gets a comment that reads true: no green tick above a
finding or a gap, a risk word and number that agree with the conclusion, and every file citation a
link to the line at the head."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.app.evaluate import find_scenarios
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.outcome.markdown import FILE_ARTIFACTS, LINE_ANCHOR
from custody.reviewer.outcome.scoring import BANDS, RISK_WORDS
from custody.reviewer.review import run_review

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = find_scenarios([ROOT / "benchmark" / "scenarios", ROOT / "benchmark" / "realworld", ROOT / "examples"])


@pytest.mark.parametrize("folder", SCENARIOS, ids=[f.name for f in SCENARIOS])
def test_the_comment_reads_true(folder: Path) -> None:
    outcome = run_review(load_scenario(folder))
    verdict, comment = outcome.verdict, outcome.comment
    headline = next(line for line in comment.splitlines() if line.startswith("## "))
    noteworthy = [f for f in verdict.findings if f.severity != "info" and f.waiver is None]
    if noteworthy or verdict.degraded or any(a.status == "failed" for a in verdict.coverage.agents):
        assert "✅" not in headline, headline
    if not verdict.degraded:  # a configured check that could not run moves the conclusion, not the score
        low, high = BANDS[verdict.conclusion]
        assert low <= verdict.risk.overall <= high
    if verdict.risk.overall and not verdict.degraded:
        assert f"**Risk: {RISK_WORDS[verdict.conclusion]} ({verdict.risk.overall}/100)**" in comment
    table = comment.split("<details>", 1)[0]
    for finding in verdict.findings[:20]:
        for citation in finding.citations[:3]:
            match = LINE_ANCHOR.match(citation.locator)
            if citation.artifact in FILE_ARTIFACTS and match and match["line"] and f"`{citation.locator}`" in table:
                assert f"[`{citation.locator}`](" in table, citation.locator
    for account in verdict.coverage.agents:  # every agent says what it looked at, never a bare name
        assert account.checked or account.skipped, f"{account.agent} gives no account in {folder.name}"
