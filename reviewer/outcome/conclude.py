"""Join agent results into the verdict: conclusion, risk, findings and coverage."""

from __future__ import annotations

from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Degraded, Skipped
from custody.reviewer.model.findings import (
    SEVERITY_ORDER,
    AgentCoverage,
    Conclusion,
    Coverage,
    Finding,
    Verdict,
    Waiver,
)
from custody.reviewer.outcome.ledger import build_ledger
from custody.reviewer.outcome.scoring import score
from custody.reviewer.rules.expressions import AGENT_NAME as RULES_AGENT


def conclude(findings: list[Finding]) -> Conclusion:
    if any(f.stands for f in findings):
        return "failure"
    if any(SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER["medium"] for f in findings if not f.waiver):
        return "neutral"
    return "success"


def degrade(conclusion: Conclusion, degraded: list[Degraded], on_error: str) -> Conclusion:
    """Never `success` while something configured could not run: `neutral`, or `failure` with `on_error: fail`."""
    if not degraded:
        return conclusion
    if on_error == "fail":
        return "failure"
    return "neutral" if conclusion == "success" else conclusion


def degraded_banner(verdict: Verdict, limit: int = 8) -> list[str]:
    """The lines that open the comment and the check run when part of the review did not run."""
    if not verdict.degraded:
        return []
    count = len(verdict.degraded)
    lines = ["> [!WARNING]", f"> **Not everything configured was checked** ({count} problem"
             f"{'s' if count != 1 else ''}); this review cannot pass until "
             f"{'they are' if count != 1 else 'it is'} fixed:"]
    for item in verdict.degraded[:limit]:
        where = f" ({item.where})" if item.where else ""
        lines.append(f"> - {_flat(item.what)}{where}: {_flat(item.why)}")
    if count > limit:
        lines.append(f"> - …and {count - limit} more (listed in the JSON verdict)")
    return lines


def _flat(text: str) -> str:
    return " ".join(text.split()).replace("<", "&lt;").replace(">", "&gt;")[:300]


NOTHING_FOUND = "found nothing in its scope to compare in this pull request"


def agent_coverage(result: AgentResult, judged: set[str] | None = None) -> AgentCoverage:
    """Never a silent pass: an agent either checked something, found nothing to check (and says
    where it looked, or that it found nothing), or failed."""
    skipped = [s for s in result.skipped if s.what not in (judged or set())]
    if any(s.what == f"{result.agent} agent" for s in skipped):
        status = "failed"
    elif result.checked or result.findings:
        status = "checked"
    else:
        status = "nothing to check"
        if not skipped:
            skipped = [Skipped(what=f"{result.agent} agent", why=NOTHING_FOUND)]
    # An agent that raised findings but logged no check still checked what its findings name.
    checked = list(result.checked) or list(dict.fromkeys(f"{f.rule} on {f.subject}" for f in result.findings))
    return AgentCoverage(agent=result.agent, status=status, checked=checked, skipped=skipped)


def build_verdict(
    evidence: Evidence, results: list[AgentResult], waivers: list[Waiver] | None = None
) -> Verdict:
    waived = {w.rule: w for w in waivers or []}
    findings: list[Finding] = []
    seen: set[str] = set()
    # Deterministic findings are placed first, so a model finding can never shadow one of them.
    ordered = sorted(results, key=lambda r: (any(f.source == "model" for f in r.findings), r.agent))
    for result in ordered:
        for finding in sorted(result.findings, key=lambda f: f.source == "model"):
            if finding.fingerprint in seen:
                continue
            seen.add(finding.fingerprint)
            if finding.rule in waived:
                finding = finding.model_copy(update={"waiver": waived[finding.rule]})
            findings.append(finding)
    findings.sort(key=lambda f: (-SEVERITY_ORDER[f.severity], not f.blocking, f.agent, f.rule, f.subject))
    checked = [c for r in sorted(results, key=lambda r: r.agent) for c in r.checked]
    # What a language model went on to judge is checked, no longer "not checked".
    judged = {c.split(":", 1)[0] for c in checked if "by the language model" in c}
    coverage = Coverage(
        checked=checked,
        skipped=[s for s in [*(Skipped(what=d.what, why=d.why) for d in evidence.config_problems),
                             *evidence.skipped, *(s for r in results for s in r.skipped)] if s.what not in judged],
        agents=[agent_coverage(r, judged) for r in sorted(results, key=lambda r: r.agent)
                if r.agent != RULES_AGENT or r.checked or r.skipped or r.findings],
    )
    degraded = list(dict.fromkeys([*evidence.config_problems, *(d for r in results for d in r.degraded)]))
    pr = evidence.pull_request
    agents = sorted({r.agent for r in results if r.agent != RULES_AGENT} | {f.agent for f in findings})
    return Verdict(
        promises=build_ledger(evidence, findings, coverage),
        conclusion=degrade(conclude(findings), degraded, evidence.config.on_error),
        risk=score(findings, agents),
        findings=findings,
        coverage=coverage,
        repo=pr.repo,
        number=pr.number,
        head_sha=pr.head_sha,
        waivers=list(waived.values()),
        degraded=degraded,
    )
