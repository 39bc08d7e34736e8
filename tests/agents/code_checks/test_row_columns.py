"""One-row frames cut to a feature list their dict does not fully build, on batch 17's fraud-feature PRs
(rw17-feat-04: `hour_of_day` added to MODEL_FEATURES and to the offline builder only; rw17-feat-06: both)."""

from __future__ import annotations

import ast

from custody.agents.code_checks.row_columns import row_columns

from tests.helpers import REPO

SCENARIOS = REPO / "benchmark" / "scenarios"  # rw17-feat-* are constructed: the project's own set
FEATURES = "head/fraud/features.py"


def _hits(text: str, added: set[int]) -> list[tuple[str, int | None]]:
    return [(h.subject, h.line) for h in row_columns("fraud/features.py", ast.parse(text), added)]


def test_a_feature_added_to_the_list_but_not_to_the_online_row_is_a_key_error() -> None:
    text = (SCENARIOS / "rw17-feat-04-hour-of-day-offline-only" / FEATURES).read_text()
    assert _hits(text, {14, 30}) == [("hour_of_day", 51)]
    assert _hits(text, {40}) == []  # nothing the change touched: an older slip is not this change's


def test_the_row_that_builds_every_listed_feature_is_quiet() -> None:
    text = (SCENARIOS / "rw17-feat-06-hour-of-day-offline-and-online" / FEATURES).read_text()
    assert _hits(text, set(range(1, 60))) == []


SOURCE = '''import pandas as pd

FEATURES = ["a", "b"]


def online(r):
    row = {"a": r["a"]}
    {extra}
    return pd.DataFrame([row])[FEATURES]
'''


def test_rows_or_lists_that_may_change_are_not_judged() -> None:
    everything = set(range(1, 20))
    assert _hits(SOURCE.replace("{extra}", "pass"), everything) == [("b", 9)]
    assert _hits(SOURCE.replace("{extra}", 'row["b"] = 1'), everything) == []
    assert _hits(SOURCE.replace("{extra}", "row.update(r)"), everything) == []
    assert _hits(SOURCE.replace("{extra}", "pass").replace('{"a": r["a"]}', '{"a": 1, **r}'), everything) == []
    assert _hits(SOURCE.replace("{extra}", "pass") + "\nFEATURES.append('c')\n", everything) == []
    assert _hits(SOURCE.replace("{extra}", "pass").replace("[row])[FEATURES]", "[row], columns=FEATURES)"),
                 everything) == []
