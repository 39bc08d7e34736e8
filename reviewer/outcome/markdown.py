"""The sticky PR comment: delta table, scores, accountability card and what was not checked."""

from __future__ import annotations

import re
from urllib.parse import quote

from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.findings import Finding, Verdict
from custody.reviewer.outcome.conclude import degraded_banner
from custody.reviewer.outcome.scoring import FORMULA, risk_word
from custody.reviewer.outcome.untrusted import neutralise

MARKER = "<!-- custody:summary -->"
MAX_COMMENT_CHARS = 65_536
BUDGET = MAX_COMMENT_CHARS - 2_000  # room for the closing sections and the truncation note

SEVERITY_BADGE = {"critical": "🟥 critical", "high": "🟧 high", "medium": "🟨 medium",
                  "low": "🟦 low", "info": "⬜ info"}
GITHUB = "https://github.com"
# Citations into files of the head commit become links; the JSON keeps the contract's locators.
FILE_ARTIFACTS = {"diff", "model_card", "design_doc", "policy"}
LINE_ANCHOR = re.compile(r"^(?P<path>[^#\s]+?)(?:#L(?P<line>\d+)(?:-L?(?P<end>\d+))?)?$")

# What a developer does about each kind of delta, in one sentence.
FIX = {
    "ticket.missing": "Link the ticket this change implements (`Closes #N` in the description).",
    "ticket.unaddressed": "Ship the criterion, or say in the ticket why it moved out of this PR.",
    "ticket.out_of_scope": "Move the change to its own PR, or add it to the ticket so reviewers expect it.",
    "ticket.unverifiable": "Make the ticket readable to the App, or link one it can read.",
    "card.missing": "Add a model card (README front matter or MODEL_CARD.md) for the model this code builds.",
    "card.stale": "Update the model card with what this change does to the model.",
    "card.metric_mismatch": "Correct the card's number, or point the card at the version that logged it.",
    "card.metric_unverifiable": "Log the metric on the run, or drop the claim from the card.",
    "card.dataset_mismatch": "Make the card's datasets match the run's logged inputs (or log the inputs).",
    "card.field_mismatch": "Make the card and the registry agree on this field.",
    "design.stage_missing": "Ship the stage the design plans, or amend the design doc in this PR.",
    "design.stage_unplanned": "Add the stage to the design doc, or remove it from the pipeline.",
    "design.edge_mismatch": "Order the stages as the design doc does, or amend the doc.",
    "design.param_mismatch": "Use the design's value, or change the design doc with the reason.",
    "registry.alias_moved": "Attach the evidence the promotion policy asks for before moving the alias.",
    "promotion.gate_failed": "Keep the champion, or improve the challenger until it passes the gate.",
    "contract.schema_mismatch": "Align the schema with the contract, or version the contract.",
    "code.bug_risk": "Check the flagged lines; fix them or explain in the PR why they are right.",
    "code.devops": "Fix the delivery-hygiene problem on the flagged line.",
}
DEFAULT_FIX = "See the rule: `/custody explain RULE`."
GROUPS = (
    ("Fix before merging", lambda f: f.stands),
    ("Worth a look", lambda f: not f.stands and f.waiver is None and f.severity in ("medium", "high", "critical")),
    ("Notes", lambda f: True),
)


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def cell(text: str | None, limit: int = 300) -> str:
    """Text made safe for one Markdown table cell: one line, no column breaks, and inert (no
    mentions, links, images or HTML: cells carry ticket, card and PR text)."""
    if not text:
        return "—"
    flat = neutralise(" ".join(str(text).split())).replace("|", "\\|")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def repo_url(evidence: Evidence) -> str:
    pr = evidence.pull_request
    if pr.html_url and "/pull/" in pr.html_url:
        return pr.html_url.rsplit("/pull/", 1)[0]
    return f"{GITHUB}/{pr.repo}"


def file_url(repo_base: str, ref: str | None, artifact: str, locator: str) -> str | None:
    """The GitHub page of a citation into a file at `ref` (its line, when it names one), else None."""
    match = LINE_ANCHOR.match(locator) if artifact in FILE_ARTIFACTS and ref else None
    if match is None or ref is None:
        return None
    anchor = f"#L{match['line']}" + (f"-L{match['end']}" if match["end"] else "") if match["line"] else ""
    return f"{repo_base}/blob/{quote(ref)}/{quote(match['path'])}{anchor}"


def citation_link(citation: Citation, evidence: Evidence) -> str:
    """A link where GitHub can show the place (a file line at the head commit, a ticket), else the locator."""
    label = f"`{cell(citation.locator, 120)}`"
    pr = evidence.pull_request
    ref = pr.head_sha or pr.head_branch  # offline scenarios name the branch, not the commit
    url = file_url(repo_url(evidence), ref, citation.artifact, citation.locator)
    if url is not None:
        return f"[{label}]({url})"
    if citation.artifact == "ticket":
        source = citation.locator.split("#", 1)[0]
        ticket = next((t for t in evidence.tickets if t.source == source or t.url == source), None)
        if ticket is not None and ticket.url and ticket.url.startswith("https://"):
            return f"[{label}]({ticket.url})"
    return f"{label} ({citation.artifact})"


def citation_text(finding: Finding, evidence: Evidence) -> str:
    return "<br>".join(citation_link(c, evidence) for c in finding.citations[:3])


def verdict_word(finding: Finding) -> str:
    if finding.waiver:
        return f"waived by @{cell(finding.waiver.by, 40)}"
    word = SEVERITY_BADGE[finding.severity]
    return f"**{word}, blocking**" if finding.blocking else word


def unattributed_gaps(verdict: Verdict) -> list[Skipped]:
    """What could not be read or checked that no agent's own account names (an unreadable artifact)."""
    attributed = {g for a in verdict.coverage.agents for g in a.skipped}
    return [s for s in verdict.coverage.skipped if s not in attributed]


def headline(verdict: Verdict) -> str:
    """What stands, in one line: never a green tick above a finding or a gap in what was read."""
    findings = verdict.findings
    blocking = sum(1 for f in findings if f.stands)
    serious = sum(1 for f in findings if not f.stands and f.waiver is None
                  and f.severity in ("medium", "high", "critical"))
    minor = len(findings) - blocking - serious
    unread = unattributed_gaps(verdict)
    failed = [a.agent for a in verdict.coverage.agents if a.status == "failed"]
    if blocking:
        return f"❌ Custody: {plural(blocking, 'blocking finding stands', 'blocking findings stand')}"
    if serious:
        return f"⚠️ Custody: {plural(serious, 'finding')} to look at, none blocking"
    if verdict.degraded:
        return (f"⚠️ Custody: nothing blocking found, but {plural(len(verdict.degraded), 'configured check')} "
                f"could not run")
    if failed or unread:
        gaps = plural(len(failed) + len(unread), "thing")
        return f"⚠️ Custody: nothing blocking found, but {gaps} could not be checked"
    if minor:
        return f"ℹ️ Custody: nothing blocking; {plural(minor, 'minor note')}"
    return "✅ Custody: what was promised is what ships"


def walkthrough(evidence: Evidence) -> str:
    """One line: what the PR promised and what it ships."""
    promised: list[str] = []
    for ticket in evidence.tickets[:3]:
        key = f"#{ticket.key}" if ticket.key.isdigit() else ticket.key
        promised.append(f"ticket {cell(key, 40)} ({plural(len(ticket.criteria), 'criterion', 'criteria')})")
    promised += [f"`{cell(c.path, 80)}`" for c in evidence.model_cards[:2]]
    promised += [f"`{cell(d.path, 80)}`" for d in evidence.design_docs[:2]]
    promised += [f"`{cell(c.path, 80)}`" for c in evidence.contracts[:2]]
    shipped = [plural(len(evidence.diff.files), "changed file")]
    if evidence.registry is not None and evidence.registry.versions:
        latest = evidence.registry.versions[-1]
        shipped.append(f"{cell(latest.name, 60)} v{cell(latest.version, 12)} in the registry")
    graphs = len(evidence.shipped_pipelines) + len(evidence.deployed_pipelines)
    if graphs:
        shipped.append(plural(graphs, "pipeline graph"))
    said = ", ".join(promised) if promised else "nothing Custody could read (no ticket, card, design doc or contract)"
    return f"**Walkthrough:** promised by {said}; ships {', '.join(shipped)}."


def render_comment(verdict: Verdict, evidence: Evidence) -> str:
    """The whole comment body, always under GitHub's 65,536-character limit."""
    findings = verdict.findings
    blocking = sum(1 for f in findings if f.stands)
    counts = plural(len(findings), "finding") + (f", {blocking} blocking" if blocking else "")
    head = [
        MARKER,
        *_banner(verdict),
        f"## {headline(verdict)}",
        "",
        f"**Risk: {risk_word(verdict.risk.overall)} ({verdict.risk.overall}/100)** · {counts}"
        + (f" · head `{verdict.head_sha[:7]}`" if verdict.head_sha else ""),
        "",
        walkthrough(evidence),
        "",
    ]
    table = _delta_table(findings, evidence)
    tail = [
        *(_scores(verdict) if findings else []),
        *_accountability(verdict, evidence),
        *_not_checked(verdict),
        *_waivers(verdict),
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
        body += f"\n_Left out to stay within GitHub's comment size: {plural(left, 'more line')} of the delta; "
        body += "the check run and the JSON verdict list every finding._\n\n"
    body += "\n".join(tail)
    return body[:MAX_COMMENT_CHARS]


def _banner(verdict: Verdict) -> list[str]:
    """What the configuration asked for and did not run, above everything else."""
    lines = degraded_banner(verdict)
    return [*lines, ""] if lines else []


def _delta_table(findings: list[Finding], evidence: Evidence) -> list[str]:
    """The delta, grouped by what a developer must do: fix, look, or note."""
    lines: list[str] = []
    left = list(findings)
    for title, belongs in GROUPS:
        group = [f for f in left if belongs(f)]
        left = [f for f in left if not belongs(f)]
        if not group:
            continue
        lines += [f"### {title}", "", "| Claim | Intent source | Shipped evidence | Verdict | Citation | What to do |",
                  "|---|---|---|---|---|---|"]
        for f in group:
            claim = f.claim or f.subject or f.kind
            lines.append(
                f"| {cell(claim, 160)} | {cell(f.intent_source, 120)} | "
                f"{cell(f.shipped or f.message, 300)} | {verdict_word(f)}<br>`{f.rule}` | "
                f"{citation_text(f, evidence)} | {cell(FIX.get(f.kind, DEFAULT_FIX), 160)} |"
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
    code = plural(changed, "changed file") + (f" at `{pr.head_sha[:12]}`" if pr.head_sha else "")
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
    general = unattributed_gaps(verdict)
    gaps = sum(1 for a in agents if a.status != "checked") + len(general)
    summary = "What was checked" + (f" ({plural(gaps, 'gap')}: nothing to check, or not checked)" if gaps else "")
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
