"""Docs that run a flow with an option it does not declare: the guide says
`monitoring.py run --limit 1000`, the flow declares `Parameter("samples", ...)`, so the documented
command stops with "no such option". Judged only for flows whose every option is known (the reader
followed all their base classes), and never for Metaflow's own run options."""

from __future__ import annotations

from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.evidence.pipeline import PipelineGraph
from custody.reviewer.rules.book import RuleBook

RULE = "design.params-match"
# Options of Metaflow's `run` command itself (metaflow/cli_components/run_cmds.py), and the top-level
# ones a doc may write after `run` by mistake of order; none is a flow parameter.
METAFLOW_RUN_OPTIONS = {
    "tag", "namespace", "run-id-file", "runner-attribute-file", "max-workers", "max-num-splits", "max-log-size",
    "with", "origin-run-id", "decospecs", "user-namespace", "help", "quiet", "environment", "metadata",
    "datastore", "datastore-root", "package-suffixes", "event-logger", "monitor", "local-config-file", "config",
    "config-value", "branch", "production", "pylint", "no-pylint", "resume-identifier", "skip-decorators",
}


def _flow(script: str, flows: list[PipelineGraph]) -> PipelineGraph | None:
    """The one flow the script names: its path, or the one file whose path ends with it."""
    exact = [g for g in flows if g.source == script]
    found = exact or [g for g in flows if g.source.endswith("/" + script)]
    return found[0] if len({g.source for g in found}) == 1 and len(found) == 1 else None


def check_doc_commands(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    flows = [g for g in evidence.shipped_pipelines if g.format == "metaflow" and g.options is not None]
    if not flows or not evidence.doc_commands:
        return
    changed = {p for f in evidence.diff.files for p in (f.path, f.old_path) if p}
    seen: set[tuple[str, str]] = set()
    for command in evidence.doc_commands:
        graph = _flow(command.script, flows)
        if graph is None or graph.options is None:
            continue
        declared = {normalize_name(o) for o in graph.options}
        doc = command.locator.partition("#")[0]
        for option in command.options:
            if option in METAFLOW_RUN_OPTIONS or normalize_name(option) in declared or (doc, option) in seen:
                continue
            seen.add((doc, option))
            options = ", ".join(f"--{o}" for o in graph.options) or "none"
            finding = rules.finding(
                RULE, subject=option,
                message=f"{doc} runs `{command.script} run --{option}`, but the {graph.name} flow in {graph.source} "
                        f"declares no `{option}` parameter (its options: {options}), so the documented command "
                        f"stops with \"no such option\"; rename the option in the doc or the parameter in the flow.",
                citations=[Citation(artifact="design_doc", locator=command.locator),
                           Citation(artifact="diff", locator=graph.source)],
                path=graph.source, claim=f"--{option}", intent_source=doc,
                shipped=f"{graph.name} options: {options}")
            if finding is None:
                continue
            if doc not in changed and graph.source not in changed:
                finding.severity = "low"  # the doc and the flow disagreed before this PR too
                finding.message += " Both predate this PR."
            result.findings.append(finding)
        result.checked.append(f"design: {command.locator} runs {graph.source} with declared options only"
                              if not any((doc, o) in seen for o in command.options) else
                              f"design: {command.locator} against {graph.source}'s options")
