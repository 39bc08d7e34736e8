"""Charts: one question per chart, one series and no legend, labels that fit, counts on whole numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from custody.reviewer.app.trends.charts import (
    agent_chart,
    blocking_chart,
    count_axis,
    missed_chart,
    risk_chart,
    sprint_label,
    top_rules_chart,
)


def sprint(name: str, mean: float, blocking: int, missed: int, agents: dict[str, float],
           rules: dict[str, int]) -> dict[str, Any]:
    return {"name": name, "risk": {"mean": mean, "p90": 0, "max": 0}, "blocking": blocking,
            "promises": {"kept": 0, "missed": missed, "unverifiable": 0},
            "agents": {a: {"mean": m, "max": m} for a, m in agents.items()},
            "top_rules": [{"rule": r, "findings": c} for r, c in rules.items()]}


DOCUMENT = {"sprints": [
    sprint("2026-01-05..2026-01-18", 12.5, 0, 1, {"card": 10.0}, {"card.metric-matches-registry": 3}),
    sprint("2026-01-19..2026-02-01", 61.0, 7, 0, {"card": 20.0, "hygiene": 80.0, "design": 45.5},
           {"hygiene.secret": 5, "card.metric-matches-registry": 1}),
]}


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # well-formed SVG, inline in the page
    return [t.text.strip() for t in root.iter() if t.tag.endswith("text") and t.text and t.text.strip()]


@pytest.mark.parametrize("chart", [risk_chart, blocking_chart, missed_chart, agent_chart, top_rules_chart])
def test_every_chart_is_one_series_without_a_legend_or_script(chart: Any) -> None:
    svg = chart(DOCUMENT)
    assert set(re.findall(r'class="series serie-(\d+)', svg)) == {"0"}
    assert re.search(r'<g[^>]*class="legends"', svg) is None and "<script" not in svg


def test_risk_is_drawn_on_its_own_zero_to_hundred_scale_with_short_sprint_labels() -> None:
    shown = texts(risk_chart(DOCUMENT))
    assert "Mean risk per sprint" in shown and "risk (0–100)" in shown
    assert {"0", "25", "50", "75", "100"} <= set(shown)
    assert "5 Jan" in shown and "19 Jan" in shown  # labels level and short
    assert not any(".." in text for text in shown)


def test_counts_get_whole_number_ticks_from_zero() -> None:
    assert count_axis([0, 0]) == [0, 1, 2]
    assert count_axis([7]) == [0, 2, 4, 6, 8]
    assert count_axis([5]) == [0, 1, 2, 3, 4, 5, 6]
    shown = texts(blocking_chart(DOCUMENT))
    assert "Blocking findings per sprint" in shown and "7" in shown and "0.5" not in shown  # values on the bars
    assert "Promises missed per sprint" in texts(missed_chart(DOCUMENT))


def test_agents_and_rules_are_named_on_the_axis_the_largest_on_top() -> None:
    shown = texts(agent_chart(DOCUMENT))
    assert "Mean risk by agent, sprint of 19 Jan" in shown
    assert shown.index("design") < shown.index("hygiene")  # drawn bottom-up: hygiene (80) is the top bar
    rules = texts(top_rules_chart(DOCUMENT))
    assert "hygiene.secret" in rules and "card.metric-matches-registry" in rules and "5" in rules
    assert agent_chart({"sprints": []})  # an empty organisation still draws its axes


def test_sprint_labels_fit() -> None:
    assert sprint_label({"name": "2026-10-26..2026-11-08"}) == "26 Oct"
    assert sprint_label({"name": "Sprint 14"}) == "Sprint 14"
    assert sprint_label({"name": "Q4 platform hardening sprint"}) == "Q4 platform h…"
    assert sprint_label({"name": "garbage..x"}) == "garbage..x"
