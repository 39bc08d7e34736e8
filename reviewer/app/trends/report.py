"""`custody trends`: the API's numbers as a table in the terminal."""

from __future__ import annotations

from typing import Any

HEADERS = ("Sprint", "Reviews", "Kept", "Missed", "Unverifiable", "Risk mean", "p90", "max", "Blocking", "Waivers",
           "Merged w/ risk", "Top rule")


def table(document: dict[str, Any]) -> str:
    rows = [HEADERS]
    for s in document["sprints"]:
        top = s["top_rules"][0] if s["top_rules"] else None
        rows.append((
            s["name"], str(s["reviews"]), str(s["promises"]["kept"]), str(s["promises"]["missed"]),
            str(s["promises"]["unverifiable"]), f"{s['risk']['mean']:.1f}", str(s["risk"]["p90"]),
            str(s["risk"]["max"]), str(s["blocking"]), str(s["waivers"]), str(s["merged_with_open_risk"]),
            f"{top['rule']} ({top['findings']})" if top else "—",
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    scope = document.get("repo") or "organisation"
    title = f"Risk trends for {scope}" + (f", agent {document['agent']}" if document.get("agent") else "")
    calendar = document.get("calendar")
    if calendar:  # which axis the sprints are on, and which day placed each PR
        title += f"\n{calendar['description']}; {calendar['placement']}."
    if len(rows) == 1:
        return f"{title}\nNo recorded reviews yet."
    return f"{title}\n" + "\n".join(lines)
