"""The sticky PR comment: delta table, scores, accountability card and what was not checked."""

from __future__ import annotations

from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.findings import Finding, Verdict
from custody.reviewer.outcome.conclude import degraded_banner
from custody.reviewer.outcome.scoring import FORMULA

MARKER = "<!-- custody:summary -->"
MAX_COMMENT_CHARS = 65_536
BUDGET = MAX_COMMENT_CHARS - 2_000  # room for the closing sections and the truncation note

ICON = {"failure": "❌", "neutral": "⚠️", "success": "✅"}
HEADLINE = {
    "failure": "blocking findings stand",
    "neutral": "findings to look at, none blocking",
    "success": "what was promised is what ships",
}
SEVERITY_BADGE = {"critical": "🟥 critical", "high": "🟧 high", "medium": "🟨 medium",
                  "low": "🟦 low", "info": "⬜ info"}


def cell(text: str | None, limit: int = 300) -> str:
    """Text made safe for one Markdown table cell."""
    if not text:
        return "—"
    flat = " ".join(str(text).split()).replace("|", "\\|")
    flat = flat.replace("<", "&lt;").replace(">", "&gt;")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def citation_text(finding: Finding) -> str:
    return "<br>".join(f"`{cell(c.locator, 120)}` ({c.artifact})" for c in finding.citations[:3])


def verdict_word(finding: Finding) -> str:
    if finding.waiver:
        return f"waived by @{cell(finding.waiver.by, 40)}"
    word = SEVERITY_BADGE[finding.severity]
    return f"**{word}, blocking**" if finding.blocking else word


def render_comment(verdict: Verdict, evidence: Evidence) -> str:
    """The whole comment body, always under GitHub's 65,536-character limit."""
    head = [
        MARKER,
        *_banner(verdict),
        f"## {ICON[verdict.conclusion]} Custody: {HEADLINE[verdict.conclusion]}",
        "",
        f"**Overall risk {verdict.risk.overall}/100** · {len(verdict.findings)} finding(s) · "
        f"{sum(1 for f in verdict.findings if f.stands)} blocking"
        + (f" · head `{verdict.head_sha[:7]}`" if verdict.head_sha else ""),
        "",
    ]
    table = _delta_table(verdict.findings)
    tail = [
        *_scores(verdict),
        *_accountability(verdict, evidence),
        *_not_checked(verdict),
        *_waivers(verdict),
        "",
        "<sub>Commands: `/custody review` · `/custody explain RULE` · "
        "`/custody waive RULE reason`</sub>",
    ]
    body = "\n".join(head) + "\n"
    rows_used = 0
    for line in table:
        if len(body) + len(line) + 1 > BUDGET - len("\n".join(tail)):
            break
        body += line + "\n"
        rows_used += 1
    if rows_used < len(table):
        left = len(table) - rows_used
        body += f"\n_{left} more row(s) were left out to stay within GitHub's comment size; "
        body += "the check run and the JSON verdict list every finding._\n"
    body += "\n" + "\n".join(tail)
    return body[:MAX_COMMENT_CHARS]


def _banner(verdict: Verdict) -> list[str]:
    """What the configuration asked for and did not run, above everything else."""
    lines = degraded_banner(verdict)
    return [*lines, ""] if lines else []


def _delta_table(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["No delta between what was promised and what ships.", ""]
    lines = [
        "### Delta",
        "",
        "| Claim | Intent source | Shipped evidence | Verdict | Citation |",
        "|---|---|---|---|---|",
    ]
    for f in findings:
        claim = f.claim or f.subject or f.kind
        lines.append(
            f"| {cell(claim, 160)} | {cell(f.intent_source, 120)} | "
            f"{cell(f.shipped or f.message, 300)} | {verdict_word(f)}<br>`{f.rule}` | "
            f"{citation_text(f)} |"
        )
    lines.append("")
    return lines


def _scores(verdict: Verdict) -> list[str]:
    lines = ["<details><summary>Risk by agent</summary>", "", "| Agent | Risk | Findings |",
             "|---|---|---|"]
    for agent, risk in sorted(verdict.risk.agents.items()):
        count = sum(1 for f in verdict.findings if f.agent == agent)
        lines.append(f"| {agent} | {risk}/100 | {count} |")
    lines += ["", f"_How scores are computed:_ {FORMULA}", "", "</details>", ""]
    return lines


def _accountability(verdict: Verdict, evidence: Evidence) -> list[str]:
    data: list[str] = []
    evaluation: list[str] = []
    registry = evidence.registry
    if registry is not None:
        for version in registry.versions[-3:]:
            run = registry.run(version.run_id)
            if run is None:
                continue
            names = ", ".join(sorted({d.name for d in run.datasets})) or "no logged inputs"
            data.append(f"{version.name} v{version.version}: {names}")
            metrics = ", ".join(f"{m.key}={m.value:g}" for m in run.metrics[:6])
            if metrics:
                evaluation.append(f"{version.name} v{version.version}: {metrics}")
    pr = evidence.pull_request
    changed = len(evidence.diff.files)
    code = f"{changed} changed file(s)" + (f" at `{pr.head_sha[:12]}`" if pr.head_sha else "")
    policy = evidence.config_source or "built-in defaults"
    usage = next((c.split(":", 1)[1].strip() for c in verdict.coverage.checked if c.startswith("model usage:")), None)
    rows = [
        ("What data", "; ".join(data) or "no registry record"),
        ("What code", code),
        ("What evaluation", "; ".join(evaluation) or "no registry record"),
        ("What policy", f"configuration: {policy}"),
        *([("Model usage", usage)] if usage else []),
    ]
    lines = ["<details><summary>Accountability card</summary>", "", "| Question | Answer |",
             "|---|---|"]
    lines += [f"| {q} | {cell(a, 600)} |" for q, a in rows]
    lines += ["", "</details>", ""]
    return lines


STATUS_MARK = {"checked": "✔", "nothing to check": "○", "failed": "✖"}


def _not_checked(verdict: Verdict) -> list[str]:
    """Per agent, what it checked or why there was nothing to check; then inputs nobody could read."""
    agents = verdict.coverage.agents
    attributed = {s for a in agents for s in a.skipped}
    general = [s for s in verdict.coverage.skipped if s not in attributed]
    gaps = sum(1 for a in agents if a.status != "checked") + len(general)
    summary = "What was checked" + (f" ({gaps} gap(s): nothing to check or not checked)" if gaps else "")
    lines = [f"<details><summary>{summary}</summary>", ""]
    shown = 0
    for account in agents:
        parts = []
        if account.checked:
            parts.append("checked " + "; ".join(cell(c.split(":", 1)[-1].strip(), 160) for c in account.checked[:6]))
        for gap in account.skipped[: max(0, 100 - shown)]:
            parts.append(f"{'nothing to check' if account.status == 'nothing to check' else 'not checked'}: "
                         f"{cell(gap.what, 160)}, {cell(gap.why, 300)}")
            shown += 1
        lines.append(f"- {STATUS_MARK[account.status]} **{account.agent}**: " + " · ".join(parts))
    for gap in general[: max(0, 100 - shown)]:
        lines.append(f"- ✖ {cell(gap.what, 200)}: {cell(gap.why, 400)}")
        shown += 1
    left = sum(len(a.skipped) for a in agents) + len(general) - shown
    if left > 0:
        lines.append(f"- …and {left} more")
    lines += ["", "</details>", ""]
    return lines


def _waivers(verdict: Verdict) -> list[str]:
    if not verdict.waivers:
        return []
    lines = ["**Waivers**", ""]
    lines += [
        f"- `{w.rule}` waived by @{cell(w.by, 40)} on {w.at[:10]}: {cell(w.reason, 300)}"
        for w in verdict.waivers
    ]
    return [*lines, ""]
