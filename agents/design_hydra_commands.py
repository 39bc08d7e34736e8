"""Docs that run a Hydra app with an override its configuration cannot take: the README says
`python train.py trainer.gpus=1` after the trainer configs dropped `gpus`, or `trainer=cpu` with no
`configs/trainer/cpu.yaml`; Hydra stops before training. Only overrides this PR breaks are reported:
one the same doc gave, equally broken, at the base is drift the PR leaves alone."""

from __future__ import annotations

import posixpath

from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, locator_line
from custody.reviewer.model.evidence.design import HydraCommand, HydraOverride
from custody.reviewer.rules.book import RuleBook

RULE = "design.params-match"
SHOWN = 8  # known options or keys named in a message


def _defined_in(override: HydraOverride, command: HydraCommand) -> str:
    """The config file or folder that shows what the override could have named."""
    if override.problem == "no-option":
        return override.sources[0] if override.sources else command.config
    root = posixpath.dirname(command.config)
    head = override.missing.split(".")[0]
    group = posixpath.join(root, head) + "/"
    return next((s for s in override.sources if s.startswith(group)), command.config)


def listing(names: list[str]) -> str:
    """Names for a message: the first SHOWN of them, "…" for the rest, "none" for no name."""
    return ", ".join(names[:SHOWN]) + (", …" if len(names) > SHOWN else "") if names else "none"


def check_hydra_commands(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    if not evidence.hydra_commands:
        return
    first: dict[tuple[str, str, str], tuple[HydraCommand, HydraOverride]] = {}
    also: dict[tuple[str, str, str], list[int]] = {}
    old = 0
    for command in evidence.hydra_commands:
        doc = command.locator.partition("#")[0]
        for override in command.broken:
            if not override.new:
                old += 1
                continue
            key = (doc, override.problem, override.missing)
            if key in first:
                also[key] += [n for n in [locator_line(command.locator)] if n is not None]
            else:
                first[key], also[key] = (command, override), []
    for key, (command, override) in first.items():
        doc = key[0]
        where = _defined_in(override, command)
        script = posixpath.basename(command.script)
        if override.problem == "no-option":
            subject = f"{override.key}={override.missing}"
            said = (f"the config group `{override.key}` has no `{override.missing}` option (options in {where}: "
                    f"{listing(override.known)}), so Hydra stops with \"Could not find "
                    f"'{override.key}/{override.missing}'\"; add the config or change the doc.")
        else:
            subject = override.missing
            said = (f"the configuration {command.config} composes has no `{override.missing}` (beside it: "
                    f"{listing(override.known)}; see {where}), so Hydra stops with \"Could not override "
                    f"'{override.key}'\"; change the doc to the key the config has, or put the key back.")
        lines = sorted(set(also[key]))
        more = f" The doc gives it again on line(s) {', '.join(map(str, lines))}." if lines else ""
        finding = rules.finding(
            RULE, subject=subject,
            message=f"{doc} line {locator_line(command.locator)} runs `{script} {override.text}`, but {said}{more}",
            citations=[Citation(artifact="design_doc", locator=command.locator),
                       Citation(artifact="diff", locator=where)],
            path=doc, line=locator_line(command.locator), claim=override.text, intent_source=doc,
            shipped=f"{where}: {listing(override.known)}")
        if finding is not None:
            result.findings.append(finding)
    apps = sorted({c.script for c in evidence.hydra_commands})
    result.checked.append(
        f"design: {len(evidence.hydra_commands)} documented command(s) of the Hydra app(s) {', '.join(apps)} "
        f"against their composed configuration" + (f"; {old} override(s) were broken at the base already, "
                                                   "drift this PR leaves alone" if old else ""))
