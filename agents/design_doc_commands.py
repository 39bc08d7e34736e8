"""Docs that run a flow or a script with an option it does not declare: the guide says
`monitoring.py run --limit 1000`, the flow declares `Parameter("samples", ...)`, so the documented
command stops with "no such option"; the README says `python run.py --test-size 0.3` and run.py's
click or argparse options have no `--test-size`. Judged only for flows and scripts whose every option is
known (the reader followed all their base classes, or read every parser), and never for Metaflow's own
run options."""

from __future__ import annotations

from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.gather.readers.cli_options import ABSL_OWN
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, file_locator
from custody.reviewer.model.evidence.design import DocCommand, ScriptOptions
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


def _report(rules: RuleBook, result: AgentResult, command: DocCommand, source: str, changed: set[str], *,
            option: str, message: str, shipped: str) -> None:
    """One documented option the flow or script at `source` does not declare; low when the PR touched
    neither the doc nor the source (they disagreed before it too)."""
    doc = command.locator.partition("#")[0]
    finding = rules.finding(
        RULE, subject=option, message=message,
        citations=[Citation(artifact="design_doc", locator=command.locator), Citation(artifact="diff", locator=source)],
        path=source, claim=f"--{option}", intent_source=doc, shipped=shipped)
    if finding is None:
        return
    if doc not in changed and source not in changed:
        finding.severity = "low"
        finding.message += " Both predate this PR."
    result.findings.append(finding)


def check_doc_commands(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    flows = [g for g in evidence.shipped_pipelines if g.format == "metaflow" and g.options is not None]
    if not flows or not evidence.doc_commands:
        return
    changed = {p for f in evidence.diff.files for p in (f.path, f.old_path) if p}
    seen: set[tuple[str, str]] = set()
    for command in evidence.doc_commands:
        graph = _flow(command.script, flows) if command.run else None
        if graph is None or graph.options is None:
            continue
        declared = {normalize_name(o) for o in graph.options}
        doc = command.locator.partition("#")[0]
        for option in command.options:
            if option in METAFLOW_RUN_OPTIONS or normalize_name(option) in declared or (doc, option) in seen:
                continue
            seen.add((doc, option))
            options = ", ".join(f"--{o}" for o in graph.options) or "none"
            _report(rules, result, command, graph.source, changed, option=option,
                    message=f"{doc} runs `{command.script} run --{option}`, but the {graph.name} flow in "
                            f"{graph.source} declares no `{option}` parameter (its options: {options}), so the "
                            f"documented command stops with \"no such option\"; rename the option in the doc or "
                            f"the parameter in the flow.",
                    shipped=f"{graph.name} options: {options}")
        result.checked.append(f"design: {command.locator} runs {graph.source} with declared options only"
                              if not any((doc, o) in seen for o in command.options) else
                              f"design: {command.locator} against {graph.source}'s options")


def _accepted(option: str, script: ScriptOptions) -> bool:
    """argparse takes an exact long option, or an unambiguous prefix of one unless abbreviations are off."""
    if option in script.options:
        return True
    return script.abbreviations and len([o for o in script.options if o.startswith(option)]) == 1


def check_script_options(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    """A documented `python run.py --test-size 0.3` whose script declares no `--test-size` (argparse or
    click, all of its options read): the command stops with "unrecognized arguments" / "No such option"."""
    scripts = {s.path: s for s in evidence.script_options}
    if not scripts:
        return
    changed = {p for f in evidence.diff.files for p in (f.path, f.old_path) if p}
    seen: set[tuple[str, str]] = set()
    for command in evidence.doc_commands:
        # the file gathering resolved against every head path: a script whose options are unknown is not
        # judged against another one of the same name that has them
        path = command.script_path if command.flags else None
        script = scripts.get(path) if path else None
        if script is None:
            continue
        doc = command.locator.partition("#")[0]
        wrong = [o for o in command.flags if not _accepted(o, script) and (doc, o) not in seen]
        if not script.complete:  # other modules may define more: judge only what the PR took out of the script
            wrong = [o for o in wrong if path in changed and o in (script.base_options or [])]
        for option in wrong:
            seen.add((doc, option))
            removed = script.base_options is not None and option in script.base_options and path in changed
            declared = ", ".join(f"--{o}" for o in script.options
                                 if o != "help" and o not in ABSL_OWN and not (
                                     not script.complete and o.startswith("no") and o[2:] in script.options)) or "none"
            _report(rules, result, command, script.path, changed, option=option,
                    message=f"{doc} runs `{command.script} --{option}`, but {script.path} declares no `--{option}` "
                            f"option{' (this PR removes it)' if removed else ''}: its "
                            f"{' and '.join(script.frameworks)} options are {declared}. The documented command "
                            f"stops with an unknown-option error; update the doc or keep the option.",
                    shipped=f"{script.path} options: {declared}")
        if command.flags:
            result.checked.append(f"design: {command.locator} passes {script.path} "
                                  + ("declared options only" if not wrong else "an option it does not declare"))


def check_component_doc_arguments(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    """A component README documenting an argument its `component.yaml` does not declare, where the PR made
    the drift: a pipeline written from the README passes a name the component refuses."""
    for arg in evidence.component_doc_arguments:
        declared = ", ".join(arg.inputs) or "none"
        how = ("this PR takes it out of the spec and the README still documents it" if arg.removed
               else "this PR documents it")
        finding = rules.finding(
            RULE, subject=arg.name,
            message=f"{arg.doc} documents `{arg.name}` as an argument of the `{arg.component}` component, but "
                    f"{arg.spec} declares no such input or output ({how}); its inputs are {declared}. A pipeline "
                    f"that passes `{arg.name}` as the README says fails to build; rename the row or the input.",
            citations=[Citation(artifact="design_doc", locator=file_locator(arg.doc, arg.line)),
                       Citation(artifact="diff", locator=arg.spec)],
            path=arg.doc, line=arg.line, claim=arg.name, intent_source=arg.doc,
            shipped=f"{arg.spec} inputs: {declared}")
        if finding is not None:
            result.findings.append(finding)
    if evidence.component_doc_arguments:
        result.checked.append("design: component READMEs against their component.yaml inputs and outputs")


def check_project_scripts(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    """Entry points a changed doc documents that the project declares only under another spelling."""
    for slip in evidence.script_slips:
        finding = rules.finding(
            RULE, subject=slip.name,
            message=(f"{slip.path} line {slip.line} documents the entry point `{slip.name}`, but pyproject.toml "
                     f"declares no script of that name, only `{slip.declared}` ({slip.declared_at}); the doc "
                     f"names `{slip.declared}` nowhere. Run as documented, `{slip.name}` is not found: fix "
                     "the spelling on one side."),
            citations=[Citation(artifact="design_doc", locator=f"{slip.path}#L{slip.line}"),
                       Citation(artifact="diff", locator=slip.declared_at)],
            path=slip.path, line=slip.line, claim=slip.name, intent_source=slip.path, shipped=slip.declared)
        if finding is not None:
            result.findings.append(finding)
