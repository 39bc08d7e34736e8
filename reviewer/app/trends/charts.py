"""Charts as inline SVG drawn by pygal on the server: no script, no CDN, readable offline."""

from __future__ import annotations

import sys
from typing import Any

import pygal
from pygal.style import Style

# pygal installs an import hook for its map plugins that lacks `find_spec`; it breaks importers
# that walk sys.meta_path (pytest's importlib mode among them), and the dashboard needs no plugins.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

STYLE = Style(background="transparent", plot_background="transparent", font_family="system-ui, sans-serif",
              colors=("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2"))
CONFIG: dict[str, Any] = {"style": STYLE, "js": [], "disable_xml_declaration": True, "explicit_size": False,
                          "show_legend": True, "legend_at_bottom": True, "x_label_rotation": 20, "height": 320,
                          "width": 760, "print_values": False}


def _svg(chart: Any) -> str:
    rendered: Any = chart.render(is_unicode=True)
    return str(rendered)


def agent_risk_chart(document: dict[str, Any]) -> str:
    sprints = document["sprints"]
    chart = pygal.Line(title="Risk per sprint, by agent (mean 0-100)", range=(0, 100), **CONFIG)
    chart.x_labels = [s["name"] for s in sprints]
    agents = sorted({a for s in sprints for a in s["agents"]})
    for agent in agents:
        chart.add(agent, [s["agents"].get(agent, {}).get("mean") for s in sprints])
    chart.add("overall", [s["risk"]["mean"] for s in sprints])
    return _svg(chart)


def blocking_chart(document: dict[str, Any]) -> str:
    sprints = document["sprints"]
    chart = pygal.Bar(title="Blocking findings, unverified claims and waivers per sprint", **CONFIG)
    chart.x_labels = [s["name"] for s in sprints]
    chart.add("blocking", [s["blocking"] for s in sprints])
    chart.add("unverified claims", [s["unverified_claims"] for s in sprints])
    chart.add("waivers", [s["waivers"] for s in sprints])
    return _svg(chart)


def top_rules_chart(document: dict[str, Any]) -> str:
    totals: dict[str, int] = {}
    for sprint in document["sprints"]:
        for rule in sprint["top_rules"]:
            totals[rule["rule"]] = totals.get(rule["rule"], 0) + rule["findings"]
    chart = pygal.HorizontalBar(title="Top rules across these sprints", **CONFIG)
    for rule, count in sorted(totals.items(), key=lambda kv: -kv[1])[:8]:
        chart.add(rule, count)
    return _svg(chart)
