"""Charts as inline SVG drawn by pygal on the server: no script, no CDN, readable offline.

Each chart answers one question with one series, so there is no legend to hunt through: the title
asks the question, the axis says the unit, every bar carries its value, and the sprints are
labelled by their first day (a milestone by its name), short enough to sit level under the axis.
Counts get whole-number ticks from zero; risk is always drawn on its own 0-100 scale.
"""

from __future__ import annotations

import math
import re
import sys
from datetime import date
from typing import Any

import pygal
from pygal.style import Style

# pygal installs an import hook for its map plugins that lacks `find_spec`; it breaks importers
# that walk sys.meta_path (pytest's importlib mode among them), and the dashboard needs no plugins.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

RISK, BAD, NEUTRAL = "#2563eb", "#dc2626", "#6b7280"
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
LABEL_CHARS = 14  # a sprint label longer than this is cut with an ellipsis


def _style(colour: str) -> Style:
    return Style(background="transparent", plot_background="transparent", font_family="system-ui, sans-serif",
                 colors=(colour,), title_font_size=19, label_font_size=15, major_label_font_size=15,
                 value_font_size=15, tooltip_font_size=14, foreground="#111827", foreground_strong="#111827",
                 foreground_subtle="#d1d5db")


def _config(colour: str, **extra: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "style": _style(colour), "js": [], "disable_xml_declaration": True, "explicit_size": False,
        "show_legend": False, "width": 520, "height": 320, "print_values": True, "truncate_label": LABEL_CHARS,
        "show_x_guides": False, "show_y_guides": True, "margin": 12, "x_label_rotation": 0,
    }
    config.update(extra)
    return config


def _svg(chart: Any) -> str:
    rendered: Any = chart.render(is_unicode=True)
    # pygal always embeds its configuration for its (unused) tooltips script: the page runs no script.
    return SCRIPT.sub("", str(rendered))


def sprint_label(sprint: dict[str, Any]) -> str:
    """A sprint as a short axis label: a window by its first day ("5 Jan"), a milestone by its name."""
    name = str(sprint["name"])
    if ".." in name:
        try:
            first = date.fromisoformat(name.split("..")[0])
        except ValueError:
            return name[:LABEL_CHARS]
        return f"{first.day} {first:%b}"
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"


def count_axis(values: list[int]) -> list[int]:
    """Whole-number ticks from 0 past the largest count, at most about six of them."""
    top = max([*values, 1])
    step = max(1, math.ceil(top / 5))
    return list(range(0, (math.ceil(top / step) + (1 if top % step == 0 else 0)) * step + 1, step))


def _x_labels(chart: Any, sprints: list[dict[str, Any]]) -> None:
    chart.x_labels = [sprint_label(s) for s in sprints]
    if len(sprints) > 8:  # label every other sprint so the labels stay level and apart
        chart.x_labels_major = chart.x_labels[::-2][::-1]
        chart.show_minor_x_labels = False


def risk_chart(document: dict[str, Any]) -> str:
    """Is risk going up? Mean risk of the reviews in each sprint, on the 0-100 scale."""
    sprints = document["sprints"]
    chart = pygal.Line(title="Mean risk per sprint", y_title="risk (0–100)", range=(0, 100),
                       y_labels=[0, 25, 50, 75, 100], dots_size=5,
                       # values on a line land on the axis labels at 0 and on each other: the table
                       # beside the chart has them, the line says which way risk goes
                       **_config(RISK, print_values=False, margin_right=20))
    _x_labels(chart, sprints)
    chart.add("mean risk", [s["risk"]["mean"] for s in sprints])
    return _svg(chart)


def _count_chart(sprints: list[dict[str, Any]], title: str, y_title: str, values: list[int]) -> str:
    axis = count_axis(values)
    chart = pygal.Bar(title=title, y_title=y_title, range=(0, axis[-1]), y_labels=axis, **_config(BAD))
    _x_labels(chart, sprints)
    chart.add(y_title, values)
    return _svg(chart)


def blocking_chart(document: dict[str, Any]) -> str:
    """How many blocking findings stood in each sprint (not waived)?"""
    sprints = document["sprints"]
    return _count_chart(sprints, "Blocking findings per sprint", "findings", [s["blocking"] for s in sprints])


def missed_chart(document: dict[str, Any]) -> str:
    """How many promises did each sprint's PRs miss (each PR by its latest review)?"""
    sprints = document["sprints"]
    return _count_chart(sprints, "Promises missed per sprint", "promises",
                        [s["promises"]["missed"] for s in sprints])


def agent_chart(document: dict[str, Any]) -> str:
    """Which agent saw the most risk in the latest sprint? One bar per agent, named on the axis."""
    sprints = document["sprints"]
    latest: dict[str, Any] = sprints[-1] if sprints else {"name": "", "agents": {}}
    agents = sorted(latest["agents"].items(), key=lambda kv: (-kv[1]["mean"], kv[0]))
    title = f"Mean risk by agent, sprint of {sprint_label(latest)}" if latest["name"] else "Mean risk by agent"
    chart = pygal.HorizontalBar(title=title, range=(0, 100), y_labels=[0, 25, 50, 75, 100],
                                **_config(RISK, truncate_label=24))
    chart.x_labels = [name for name, _ in reversed(agents)]  # the riskiest on top
    chart.add("mean risk", [totals["mean"] for _, totals in reversed(agents)])
    return _svg(chart)


def top_rules_chart(document: dict[str, Any]) -> str:
    """Which rules fire most across these sprints? Rule ids on the axis, the most frequent on top."""
    totals: dict[str, int] = {}
    for sprint in document["sprints"]:
        for rule in sprint["top_rules"]:
            totals[rule["rule"]] = totals.get(rule["rule"], 0) + rule["findings"]
    top = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    axis = count_axis([count for _, count in top])
    chart = pygal.HorizontalBar(title="Findings per rule, these sprints", range=(0, axis[-1]), y_labels=axis,
                                **_config(NEUTRAL, truncate_label=30, height=60 + 34 * max(len(top), 2)))
    chart.x_labels = [rule for rule, _ in reversed(top)]
    chart.add("findings", [count for _, count in reversed(top)])
    return _svg(chart)
