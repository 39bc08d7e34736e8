"""The design agent: design doc ↔ the pipeline graph shipped at head and the one deployed now."""

from __future__ import annotations

import ast
import json
import re

from custody.agents.design_dbt import check_dbt_columns, check_dbt_properties
from custody.agents.design_doc_commands import (
    check_component_doc_arguments,
    check_doc_commands,
    check_project_scripts,
    check_script_options,
)
from custody.agents.design_doc_configs import check_doc_config_blocks
from custody.agents.design_doc_values import check_doc_values, check_host_moves
from custody.agents.design_hydra_commands import check_hydra_commands
from custody.reviewer.gather.command_flags import command_flags
from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.gather.stage_names import any_matches
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import ArtifactKind, Citation, Skipped, locator_line
from custody.reviewer.model.evidence.design import DesignDoc, PlannedStage
from custody.reviewer.model.evidence.pipeline import PipelineGraph
from custody.reviewer.rules.book import RuleBook
from custody.reviewer.rules.contract_frames import check_against_frames
from custody.reviewer.rules.contract_lineage import check_contracts

MIN_OVERLAP = 2  # stages in common before a graph counts as the pipeline a doc designs
# MLflow colspec types as ODCS logical types; an integer column also satisfies a number contract.
COLSPEC_TYPES = {"long": "integer", "integer": "integer", "int": "integer", "double": "number", "float": "number",
                 "string": "string", "boolean": "boolean", "datetime": "timestamp", "binary": "string"}
WIDER = {"number": {"integer", "number"}, "timestamp": {"timestamp"}, "date": {"timestamp", "date"}}


def schema_columns(schema_json: str) -> dict[str, str]:
    """Column name (normalised) to logical type, from an MLflow dataset's colspec schema."""
    try:
        data = json.loads(schema_json)
    except ValueError:
        return {}
    specs = data.get("mlflow_colspec") if isinstance(data, dict) else data
    out: dict[str, str] = {}
    for spec in specs if isinstance(specs, list) else []:
        if isinstance(spec, dict) and spec.get("name"):
            out[normalize_name(str(spec["name"]))] = COLSPEC_TYPES.get(str(spec.get("type", "")).lower(), "string")
    return out


def types_compatible(contract_type: str | None, logged: str) -> bool:
    if not contract_type or contract_type.lower() in ("object", "array", "any"):
        return True
    wanted = contract_type.lower()
    return logged in WIDER.get(wanted, {wanted})


def _number(value: str) -> float | None:
    try:
        return float(value.strip().rstrip("%"))
    except ValueError:
        return None


NO_DESIGN = ("no design document plans a pipeline here (looked in every Markdown file, docs/, ADRs, RFCs and "
             "READMEs, for a mermaid graph, a stage table, a step list or a parameter table), and no data contract")


class DesignAgent:
    name = "design"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        guard = rules.guard()  # a check that raises costs its own rules; the others still run
        docs = [d for d in evidence.design_docs if d.stages or d.params or d.mentions]
        if not docs and not evidence.contracts:
            result.skipped.append(Skipped(what="design doc", why=NO_DESIGN))
        changed = {p for f in evidence.diff.files for p in (f.path, f.old_path) if p}
        reported: set[str] = set()
        dirs = graph_dirs(evidence)
        for doc in docs:
            head = related_graphs(doc, [g for g in evidence.shipped_pipelines if in_scope(doc, g, dirs)])
            deployed = related_graphs(doc, evidence.deployed_pipelines)
            if doc.stages and not head and not deployed:
                result.skipped.append(Skipped(what=f"{doc.path} stages",
                                              why="no shipped or deployed pipeline graph shares its stages"))
            for group in (head, deployed):
                if group:
                    with guard.of("design.planned-stages-present"):
                        self._stages(evidence, doc, group, changed, rules, result, reported)
                for graph in group:
                    with guard.of("design.order-kept"):
                        self._order(evidence, doc, graph, changed, rules, result)
            with guard.of("design.planned-stages-present"):
                self._removed_mentions(evidence, doc, rules, result, reported)
            with guard.of("design.params-match"):
                self._params(evidence, doc, changed, rules, result)
            result.checked.append(f"design: {doc.path} ({', '.join(doc.signals) or 'design doc'}) against "
                                  f"{len(head) + len(deployed)} graph(s)")
        with guard.of("design.no-unplanned-stages"):
            self._unplanned(evidence, docs, rules, result)
        with guard.of("design.params-match"):
            check_doc_values(evidence, rules, result, {normalize_name(f.subject) for f in result.findings
                                                       if f.kind == "design.param_mismatch"})
            check_doc_commands(evidence, rules, result)
            check_hydra_commands(evidence, rules, result)
            check_doc_config_blocks(evidence, rules, result)
            check_script_options(evidence, rules, result)
            check_component_doc_arguments(evidence, rules, result)
            check_project_scripts(evidence, rules, result)
            check_host_moves(evidence, rules, result)
        with guard.of("contract.schema-matches"):
            self._contracts(evidence, rules, result)
            lineage = check_contracts(evidence, rules)  # contracts against lineage schemas and model signatures
            result.findings += lineage.findings
            result.checked += lineage.checked
            result.skipped += lineage.skipped
        with guard.of("contract.frame-schema-matches"):
            frames = check_against_frames(evidence, rules)  # contracts against the code's pandera schemas
            result.findings += frames.findings
            result.checked += frames.checked
            result.skipped += frames.skipped
        with guard.of("contract.dbt-columns-match"):
            check_dbt_columns(evidence, rules, result)
        with guard.of("contract.dbt-properties-readable"):
            check_dbt_properties(evidence, rules, result)
        guard.report(result)
        return result

    def _contracts(self, evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        """Contract columns against the schema each model's newest run logged for that dataset."""
        registry = evidence.registry
        if not evidence.contracts:
            return
        if registry is None:
            result.skipped.append(Skipped(what="data contracts", why="no registry run records a dataset schema"))
            return
        newest = [vs[-1] for vs in (registry.versions_of(n) for n in {v.name for v in registry.versions}) if vs]
        runs = [r for r in (registry.run(v.run_id) for v in newest) if r is not None]
        for contract in evidence.contracts:
            wanted = normalize_name(contract.dataset or "")
            logged = [(run, d) for run in runs for d in run.datasets
                      if wanted and d.dataset_schema and (wanted in normalize_name(d.name)
                                                          or normalize_name(d.name) in wanted)]
            if not logged:
                result.skipped.append(Skipped(what=f"contract {contract.path} ({contract.dataset})",
                                              why="no run logs a schema for this dataset"))
                continue
            for run, dataset in logged:
                columns = schema_columns(dataset.dataset_schema or "")
                for column in contract.columns:
                    have = columns.get(normalize_name(column.name))
                    problem = None
                    if have is None and column.required:
                        problem = f"required column `{column.name}` is missing from the logged schema"
                    elif have is not None and not types_compatible(column.type, have):
                        problem = f"`{column.name}` is {have} in the logged schema, the contract says {column.type}"
                    if problem is None:
                        continue
                    finding = rules.finding(
                        "contract.schema-matches", subject=column.name,
                        message=f"{contract.path} ({contract.dataset}): {problem} of run {run.run_id[:8]}.",
                        citations=[Citation(artifact="design_doc", locator=contract.locator),
                                   Citation(artifact="registry",
                                            locator=f"{registry.source}#/runs/{run.run_id}/inputs/{dataset.name}")],
                        path=contract.path, claim=f"{column.name}: {column.type or 'any'}",
                        intent_source=contract.path, shipped=problem)
                    result.findings += [finding] if finding else []

    @staticmethod
    def _cite_graph(graph: PipelineGraph, locator: str) -> Citation:
        artifact: ArtifactKind = "deployed_graph" if graph.where == "deployed" else "diff"
        return Citation(artifact=artifact, locator=locator)

    def _stages(self, evidence: Evidence, doc: DesignDoc, group: list[PipelineGraph], changed: set[str],
                rules: RuleBook, result: AgentResult, reported: set[str]) -> None:
        """Planned stages that no related graph of this kind (shipped at head, or deployed) has."""
        shipped = [n for g in group for n in g.group_names()]  # names and aliases (a component)
        listed = [s for s in doc.stages if s.strength == "listed"]
        listed_ok = sum(1 for s in listed if any(stage_matches(s, n) for n in shipped))
        firm = [s for s in doc.stages if s.strength == "planned"]
        # A doc that one graph follows whole is a template every related graph follows ("each DAG
        # extracts, splits and ingests"); otherwise its stages may spread over several graphs.
        template = len(group) > 1 and len(firm) >= MIN_OVERLAP and any(
            all(any(stage_matches(s, n) for n in g.group_names()) for s in firm) for g in group)
        checks: list[tuple[PlannedStage, PipelineGraph]] = []
        suffixes = variant_suffixes([s.name for s in doc.stages], shipped)
        for plan in doc.stages:
            if plan.strength == "listed" and (listed_ok < MIN_OVERLAP or 3 * listed_ok < 2 * len(listed)):
                continue  # a prose step list that mostly does not name stages plans none
            if any(normalize_name(plan.name + x) in {normalize_name(n) for n in shipped} for x in suffixes):
                continue  # `predict` shipped per variant as `predict_vit`, like its sibling stages
            if not any(stage_matches(plan, n) for n in shipped):
                checks.append((plan, max(group, key=lambda g: overlap(doc, g))))
            elif template and plan.strength == "planned":
                checks += [(plan, g) for g in group if not any(stage_matches(plan, n) for n in g.group_names())]
        for plan, graph in checks:
            if graph.unresolved:  # the reader could not see every stage: absent from it is not absent
                result.skipped.append(Skipped(what=f"{doc.path} stage {plan.name}",
                                              why=f"{graph.source} is read in part ({graph.unresolved[0]})"))
                continue
            which = "deployed" if graph.where == "deployed" else "shipped"
            bases = [b for b in evidence.base_pipelines if b.source == graph.source]
            removed = any(stage_matches(plan, n) for b in bases for n in b.group_names())
            how = "this PR removes it from" if removed else "it is absent from"
            finding = rules.finding(
                "design.planned-stages-present", subject=plan.name,
                message=f"{doc.path} plans stage `{plan.name}`, but {how} the {which} pipeline ({graph.source}).",
                citations=[Citation(artifact="design_doc", locator=plan.locator),
                           self._cite_graph(graph, graph.source)],
                path=graph.source if graph.where != "deployed" else None,
                claim=f"stage {plan.name}", intent_source=doc.path,
                shipped=f"{which} stages: {', '.join(graph.stage_names())}")
            if finding is None:
                continue
            # A doc the PR edits elsewhere (a new paragraph) did not plan this stage in this PR.
            added = _added_lines(evidence, doc.path)
            doc_untouched = doc.path not in changed or (added is not None and locator_line(plan.locator) not in added)
            older = graph.where != "deployed" and not removed and doc_untouched and (
                graph.source not in changed or bool(bases))
            if older:  # the base pipeline lacked it too and the doc is unchanged: drift this PR did not make
                finding.severity = "low"
                finding.message += " The base pipeline lacked it too; this predates the PR."
            reported.add(normalize_name(plan.name))
            result.findings.append(finding)

    def _removed_mentions(self, evidence: Evidence, doc: DesignDoc, rules: RuleBook, result: AgentResult,
                          reported: set[str]) -> None:
        """A stage the doc names (in a code span or bold) that the pipeline had at base and this PR removes."""
        names = {normalize_name(m.name): m for m in doc.mentions}
        if not names:
            return
        # A stage goes by its name or an alias (a Kedro node `ns.train` is `train` in its pipeline's README).
        head_names = {normalize_name(n) for g in evidence.shipped_pipelines for s in g.stages
                      for n in (s.name, *s.aliases)}
        for graph in evidence.shipped_pipelines:
            base = next((b for b in evidence.base_pipelines if b.source == graph.source), None)
            if base is None or graph.unresolved or not in_scope(doc, graph, graph_dirs(evidence)):
                continue
            talked_of = [s for s in base.stages if any(stage_matches(p, n) for p in (*doc.stages, *doc.mentions)
                                                       for n in (s.name, *s.aliases))]
            if len(talked_of) < MIN_OVERLAP:
                continue  # the doc does not talk about this pipeline
            for base_stage in base.stages:
                keys = [normalize_name(n) for n in (base_stage.name, *base_stage.aliases)]
                key = next((k for k in keys if k in names), "")
                stage = base_stage.name
                if not key or head_names & set(keys) or key in reported:
                    continue
                mention = names[key]
                finding = rules.finding(
                    "design.planned-stages-present", subject=stage,
                    message=f"{doc.path} still relies on stage `{stage}`, but this PR removes it from "
                            f"{graph.source}; update the design or keep the stage.",
                    citations=[Citation(artifact="design_doc", locator=mention.locator),
                               self._cite_graph(graph, graph.source)],
                    path=graph.source, claim=f"stage {stage}", intent_source=doc.path,
                    shipped=f"shipped stages: {', '.join(graph.stage_names())}")
                if finding:
                    reported.add(key)
                    result.findings.append(finding)

    def _unplanned(self, evidence: Evidence, docs: list[DesignDoc], rules: RuleBook, result: AgentResult) -> None:
        """Stages a graph has that no related design doc plans: new ones at head, and any in the deployed graph."""
        dirs = graph_dirs(evidence)
        for graph in evidence.shipped_pipelines + evidence.deployed_pipelines:
            scoped = [d for d in docs if in_scope(d, graph, dirs)]
            base = next((g for g in evidence.base_pipelines if g.source == graph.source), None)
            before = {normalize_name(n) for n in base.group_names()} if base else set()
            # Only a doc that plans most of the pipeline as it was is its plan; new stages are then unplanned.
            kept = [s for s in graph.stages if not before or normalize_name(s.name) in before]
            related = [d for d in scoped if related_graphs(d, [graph]) and 2 * sum(
                1 for k in kept if any(stage_matches(s, n) for s in d.stages for n in k.names())) >= len(kept)]
            if not related:
                continue
            planned = [s for d in scoped for s in (*d.stages, *d.mentions)]
            suffixes = variant_suffixes([p.name for p in planned], graph.stage_names())
            # A planned step the graph already runs in several variants (`extract_blogs`, `extract_docs`):
            # a new stage that names it (`get_cached_or_extract_docs`) is one more variant, not a new step.
            families = {normalize_name(p.name) for p in planned if re.fullmatch(r"[A-Za-z]+", p.name)
                        and sum(1 for n in graph.stage_names() if stage_matches(p, n)) >= MIN_OVERLAP}
            named: set[str] = set()  # a family (`sweep@a`, `sweep@b`) is reported once, by its name
            for stage in graph.stages:
                if any(stage_matches(p, n) for p in planned for n in stage.names()):
                    continue
                if families & {normalize_name(t) for t in re.split(r"[_\-.@]+", stage.name)}:
                    continue
                if stage.group and normalize_name(stage.group) in before:
                    continue  # a family the base already ran: a new member is not a new step
                name = stage.group or stage.name
                if normalize_name(name) in named:
                    continue
                named.add(normalize_name(name))
                if any(stage.name.endswith(x) and any(stage_matches(p, stage.name[:-len(x)]) for p in planned)
                       for x in suffixes):
                    continue
                if graph.where != "deployed" and normalize_name(stage.name) in before:
                    continue
                doc = related[0]
                if graph.where == "deployed":
                    message = (f"The deployed pipeline ({graph.source}) runs stage `{name}`, which "
                               f"{doc.path} does not plan.")
                else:
                    message = f"The PR adds stage `{name}` to {graph.source}; {doc.path} does not plan it."
                finding = rules.finding(
                    "design.no-unplanned-stages", subject=name, message=message,
                    citations=[self._cite_graph(graph, stage.locator),
                               Citation(artifact="design_doc", locator=doc.path)],
                    path=graph.source if graph.where != "deployed" else None,
                    line=locator_line(stage.locator) if graph.where != "deployed" else None,
                    claim=f"stages: {', '.join(s.name for s in doc.stages)}",
                    intent_source=doc.path, shipped=f"{graph.where} stage {stage.name}")
                if finding is None:
                    continue
                if graph.where == "deployed":
                    finding.severity = "low"  # what runs now predates the PR: reported, not held against it
                result.findings.append(finding)

    def _order(self, evidence: Evidence, doc: DesignDoc, graph: PipelineGraph, changed: set[str],
               rules: RuleBook, result: AgentResult) -> None:
        stages = {s.name: s for s in doc.stages}
        names = graph.stage_names()
        base = next((b for b in evidence.base_pipelines if b.source == graph.source), None) \
            if graph.where != "deployed" else None
        added = _added_lines(evidence, doc.path)
        for planned in doc.edges:
            up, down = stages.get(planned.upstream), stages.get(planned.downstream)
            if up is None or down is None:
                continue
            ups = [n for n in names if stage_matches(up, n)]
            downs = [n for n in names if stage_matches(down, n)]
            if not ups or not downs or set(ups) & set(downs):
                continue  # a missing stage is reported as missing, not as a broken edge
            broken = [b for b in downs if not any(a in graph.upstream_of(b) for a in ups)]
            if not broken:
                continue
            b = broken[0]
            # Only an intermediate missing stage excuses a gap: ingest→validate→features with validate gone.
            reversed_order = any(b in graph.upstream_of(a) for a in ups)
            if not reversed_order and (graph.unresolved or not _wired(graph, b, ups)):
                continue  # the reader knows no dependency of either end: unknown, not contradicted
            a = ups[0]
            finding = rules.finding(
                "design.order-kept", subject=f"{planned.upstream}→{planned.downstream}",
                message=f"{doc.path} plans {planned.upstream} → {planned.downstream}, but in {graph.source} "
                        f"{'the order is reversed' if reversed_order else f'{b} does not depend on {a}'}.",
                citations=[Citation(artifact="design_doc", locator=planned.locator),
                           self._cite_graph(graph, graph.source)],
                path=graph.source if graph.where != "deployed" else None,
                claim=f"{planned.upstream} → {planned.downstream}", intent_source=doc.path,
                shipped="reversed" if reversed_order else "no dependency")
            if finding is None:
                continue
            doc_untouched = doc.path not in changed or (
                added is not None and locator_line(planned.locator) not in added)
            if doc_untouched and base is not None and _broken_before(base, up, down):
                finding.severity = "low"  # the base graph broke the same planned edge: drift this PR did not make
                finding.message += " The base pipeline had the same gap; this predates the PR."
            result.findings.append(finding)

    def _params(self, evidence: Evidence, doc: DesignDoc, changed: set[str], rules: RuleBook,
                result: AgentResult) -> None:
        dirs = graph_dirs(evidence)
        shipped = shipped_params([g for g in evidence.shipped_pipelines if in_scope(doc, g, dirs)])
        earlier = shipped_params(evidence.base_pipelines)
        seen: set[str] = set()
        unmatched: list[str] = []
        for param in doc.params:
            matches = approximate_keys(param.key, shipped) if param.approximate else shipped_keys(param.key, shipped)
            values = {shipped[k][0] for k in matches}
            if not matches or len(values) > 1 or any(k in seen for k in matches):
                if not matches or len(values) > 1:
                    unmatched.append(param.key)
                continue  # not shipped, or a bare name that several keys share with different values
            key = matches[0]
            seen.add(key)
            value, source = shipped[key]
            if same_value(param.value, value):
                result.checked.append(f"design: {param.key} = {param.value} in {doc.path} holds ({key})")
                continue
            in_config = key in next((g.params for g in evidence.shipped_pipelines if g.source == source), {})
            params_file = (source.rsplit("/", 1)[0] + "/params.yaml" if "/" in source else "params.yaml") \
                if in_config else source
            leaf = key.rsplit(".", 1)[-1]
            flag = "--" + leaf.replace("_", "-")
            line = next((n for n, ln in enumerate(evidence.head_texts.get(params_file, "").splitlines(), 1)
                         if ln.strip().startswith(leaf + ":") or (not in_config and flag in ln)), None)
            located = next((g.param_locators[key] for g in evidence.shipped_pipelines
                            if g.source == source and g.param_locators.get(key)), "")
            if located:  # the reader knows the file and line that set it
                params_file, _, at = located.partition("#")
                line = int(at[1:]) if at.startswith("L") and at[1:].isdigit() else None
            finding = rules.finding(
                "design.params-match", subject=key,
                message=f"{doc.path} fixes {param.key} = {param.value}; the shipped config has {value}"
                        f"{f' ({key})' if key != param.key else ''}.",
                citations=[Citation(artifact="design_doc", locator=param.locator),
                           Citation(artifact="diff", locator=f"{params_file}#L{line}" if line else params_file)],
                path=params_file, line=line, claim=f"{param.key} = {param.value}", intent_source=doc.path,
                shipped=f"{key} = {value}")
            if finding is None:
                continue
            if param.approximate:  # read from a stage's prose, matched by a stem: worth a look, not a block
                finding.severity = "low"
                finding.confidence = 0.5
            before = earlier.get(key)
            if before is not None and before[1] == source and same_value(before[0], value) \
                    and doc.path not in changed:
                finding.severity = "low"  # the value and the doc disagreed before this PR too
                finding.message += " Both predate this PR."
            result.findings.append(finding)
        if unmatched and shipped:
            result.skipped.append(Skipped(
                what=f"{doc.path} parameters {', '.join(unmatched[:8])}{' …' if len(unmatched) > 8 else ''}",
                why="no shipped config key (or several with different values) matches them"))


def _added_lines(evidence: Evidence, path: str) -> set[int] | None:
    """The head line numbers the PR adds or rewrites in one file; None when the diff does not say."""
    change = next((f for f in evidence.diff.files if f.path == path), None)
    if change is None or change.truncated or not change.hunks:
        return None
    return {line.number for h in change.hunks for line in h.added}


def _broken_before(base: PipelineGraph, up: PlannedStage, down: PlannedStage) -> bool:
    """Did the base graph already have both ends of a planned edge without the dependency between them?"""
    ups = [n for n in base.stage_names() if stage_matches(up, n)]
    downs = [n for n in base.stage_names() if stage_matches(down, n)]
    return bool(ups and downs) and any(not any(a in base.upstream_of(b) for a in ups) for b in downs)


def _wired(graph: PipelineGraph, downstream: str, upstreams: list[str]) -> bool:
    """Does the graph record any dependency of the downstream stage? A stage with none may be one whose
    inputs the reader could not resolve (a templated path), so a missing edge to it proves nothing."""
    return any(e.downstream == downstream for e in graph.edges) or not upstreams


def variant_suffixes(planned: list[str], shipped: list[str]) -> set[str]:
    """Suffixes the pipeline adds to two or more planned names (`predict_vit`, `report_vit`): the doc
    describes the stages generically and the pipeline ships one variant of each."""
    seen: dict[str, set[str]] = {}
    for name in planned:
        for stage in shipped:
            if len(stage) > len(name) + 1 and stage.lower().startswith(name.lower()) and stage[len(name)] in "_-@":
                seen.setdefault(stage[len(name):], set()).add(name)
    return {suffix for suffix, names in seen.items() if len(names) >= MIN_OVERLAP}


def stage_matches(plan: PlannedStage, shipped: str) -> bool:
    return any_matches([plan.name, *plan.aliases], shipped)


def overlap(doc: DesignDoc, graph: PipelineGraph) -> int:
    """How many of the doc's planned stages the graph has, by a stage's name or an alias (its component)."""
    names = graph.group_names()
    return sum(1 for s in doc.stages if any(stage_matches(s, n) for n in names))


def related_graphs(doc: DesignDoc, graphs: list[PipelineGraph]) -> list[PipelineGraph]:
    """The graphs a doc plans: they share at least two of its stages (its only one, if it plans one)."""
    need = min(MIN_OVERLAP, len(doc.stages))
    return [g for g in graphs if need and overlap(doc, g) >= need]


DOC_DIRS = {"docs", "doc", "documentation", "design", "designs", "adr", "adrs", "decisions", "rfc", "rfcs",
            "spec", "specs", "architecture", "wiki", "plans", "proposals"}


def _commands(kind: str | None) -> list[str]:
    """A stage's command text; the DVC reader keeps a list of commands as its repr."""
    if not kind:
        return []
    text = kind.strip()
    if text.startswith("["):
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return [text]
        return [str(v) for v in value] if isinstance(value, list) else [text]
    return [text]


def graph_dirs(evidence: Evidence) -> set[str]:
    return {_dir(g.source) for g in evidence.shipped_pipelines}


def _dir(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def in_scope(doc: DesignDoc, graph: PipelineGraph, graph_dirs: set[str]) -> bool:
    """A doc speaks for the pipelines of its own folder tree, a docs/ folder for its parent's
    (`experiments/a/docs/specs/x.md` for `experiments/a/dvc.yaml`, `docs/airflow/` for `airflow/dags/`).
    A repository-level doc speaks for a nested pipeline only when it names the pipeline's folder, or when
    every pipeline lives in one folder."""
    if graph.where == "deployed":
        return True
    scope = "/".join(p for p in _dir(doc.path).split("/") if p and p.lower() not in DOC_DIRS)
    graph_dir = _dir(graph.source)
    if not graph_dir or graph_dir == scope or scope.startswith(graph_dir + "/"):
        return True
    if scope and graph_dir.startswith(scope + "/"):
        return True
    if scope:
        return False
    if len(graph_dirs) <= 1:
        return True
    tail = "/".join(graph_dir.split("/")[-2:])
    return graph_dir in doc.text or tail in doc.text


def shipped_keys(key: str, shipped: dict[str, tuple[str, str]]) -> list[str]:
    """Shipped keys a doc's key names: the same dotted key, else the keys it is the dotted tail of."""
    wanted = normalize_name(key)
    exact = [k for k in shipped if normalize_name(k) == wanted]
    if exact:
        return exact
    tail = [normalize_name(p) for p in key.split(".")]
    return [k for k in shipped if [normalize_name(p) for p in k.split(".")][-len(tail):] == tail]


def shipped_params(graphs: list[PipelineGraph]) -> dict[str, tuple[str, str]]:
    """Key to (value, graph source): the params file, then literal command-line values (`--ratio 0.01`)."""
    shipped: dict[str, tuple[str, str]] = {}
    for graph in graphs:
        for key, value in graph.params.items():
            shipped.setdefault(key, (value, graph.source))
        for stage in graph.stages:
            for command in _commands(stage.kind):
                for flag, value in command_flags(command).items():
                    shipped.setdefault(f"{stage.name}.{flag}", (value, graph.source))
    return shipped


def approximate_keys(stem: str, shipped: dict[str, tuple[str, str]]) -> list[str]:
    """The one shipped key whose last part starts with a prose stem (`sampl` for `sampling_ratio`)."""
    found = [k for k in shipped if normalize_name(k.rsplit(".", 1)[-1]).startswith(stem)]
    return found if len(found) == 1 else []


def same_value(planned: str, shipped: str) -> bool:
    a, b = planned.strip("'\" "), shipped.strip("'\" ")
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        if a.endswith("%") and not b.endswith("%") and abs(y) <= 1:
            x /= 100.0
        return abs(x - y) <= 1e-9 * max(1.0, abs(x))
    truthy = {"true": "true", "yes": "true", "on": "true", "false": "false", "no": "false", "off": "false"}
    return truthy.get(a.lower(), a.lower()) == truthy.get(b.lower(), b.lower())


AGENT = DesignAgent()
