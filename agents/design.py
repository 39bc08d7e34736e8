"""The design agent: design doc ↔ the pipeline graph shipped at head and the one deployed now."""

from __future__ import annotations

import json

from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import ArtifactKind, Citation, Skipped
from custody.reviewer.model.evidence.design import DesignDoc
from custody.reviewer.model.evidence.pipeline import PipelineGraph
from custody.reviewer.rules.book import RuleBook
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


def _line(locator: str) -> int | None:
    _, _, tail = locator.partition("#L")
    return int(tail) if tail.isdigit() else None


def _number(value: str) -> float | None:
    try:
        return float(value.strip().rstrip("%"))
    except ValueError:
        return None


class DesignAgent:
    name = "design"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        guard = rules.guard()  # a check that raises costs its own rules; the others still run
        docs = [d for d in evidence.design_docs if d.stages or d.params]
        graphs = evidence.shipped_pipelines + evidence.deployed_pipelines
        for doc in docs:
            planned = {normalize_name(s.name) for s in doc.stages}
            related = [g for g in graphs if len(planned & {normalize_name(n) for n in g.group_names()}) >=
                       min(MIN_OVERLAP, len(planned))] if planned else []  # a doc of parameters plans no stages
            if doc.stages and not related:
                result.skipped.append(Skipped(what=f"{doc.path} stages",
                                              why="no shipped or deployed pipeline graph shares its stages"))
            for graph in related:
                with guard.of("design.planned-stages-present", "design.no-unplanned-stages"):
                    self._stages(evidence, doc, graph, rules, result)
                with guard.of("design.order-kept"):
                    self._order(doc, graph, rules, result)
            with guard.of("design.params-match"):
                self._params(evidence, doc, rules, result)
            result.checked.append(f"design: {doc.path} against {len(related)} graph(s)")
        with guard.of("contract.schema-matches"):
            self._contracts(evidence, rules, result)
            lineage = check_contracts(evidence, rules)  # contracts against lineage schemas and model signatures
            result.findings += lineage.findings
            result.checked += lineage.checked
            result.skipped += lineage.skipped
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

    def _stages(self, evidence: Evidence, doc: DesignDoc, graph: PipelineGraph, rules: RuleBook,
                result: AgentResult) -> None:
        shipped = {normalize_name(n): s for s in graph.stages for n in s.names()}
        planned = {normalize_name(s.name): s for s in doc.stages}
        which = "deployed" if graph.where == "deployed" else "shipped"
        for key, plan in planned.items():
            if key in shipped:
                continue
            base = graph.counterpart(evidence.base_pipelines)
            removed = base is not None and key in {normalize_name(n) for n in base.group_names()}
            how = "this PR removes it from" if removed else "it is absent from"
            finding = rules.finding(
                "design.planned-stages-present", subject=plan.name,
                message=f"{doc.path} plans stage `{plan.name}`, but {how} the {which} pipeline ({graph.source}).",
                citations=[Citation(artifact="design_doc", locator=plan.locator),
                           self._cite_graph(graph, graph.source)],
                path=graph.source if graph.where != "deployed" else None,
                claim=f"stage {plan.name}", intent_source=doc.path,
                shipped=f"{which} stages: {', '.join(graph.stage_names())}")
            result.findings += [finding] if finding else []
        if graph.where == "deployed":
            return  # what runs now predates the PR; unplanned stages there are not this PR's to explain
        base = graph.counterpart(evidence.base_pipelines)
        before = {normalize_name(n) for n in base.group_names()} if base else set()
        reported: set[str] = set()
        for stage in graph.stages:  # a family (`infer@train`, `infer@val`) is reported once, by its name
            keys = {normalize_name(n) for n in stage.names()}
            if keys & (planned.keys() | before | reported):
                continue
            reported |= keys
            name = stage.group or stage.name
            finding = rules.finding(
                "design.no-unplanned-stages", subject=name,
                message=f"The PR adds stage `{name}` to {graph.source}; {doc.path} does not plan it.",
                citations=[self._cite_graph(graph, stage.locator), Citation(artifact="design_doc", locator=doc.path)],
                path=graph.source, line=_line(stage.locator), claim=f"stages: {', '.join(planned)}",
                intent_source=doc.path, shipped=f"new stage {stage.name}")
            result.findings += [finding] if finding else []

    def _order(self, doc: DesignDoc, graph: PipelineGraph, rules: RuleBook, result: AgentResult) -> None:
        names = {normalize_name(n): n for n in graph.group_names()}
        for planned in doc.edges:
            a, b = names.get(normalize_name(planned.upstream)), names.get(normalize_name(planned.downstream))
            if a is None or b is None:
                continue  # a missing stage is reported as missing, not as a broken edge
            if a in graph.upstream_of(b):
                continue
            # Only an intermediate missing stage excuses a gap: ingest→validate→features with validate gone.
            reversed_order = b in graph.upstream_of(a)
            if not reversed_order and not graph.edges:
                continue
            finding = rules.finding(
                "design.order-kept", subject=f"{planned.upstream}→{planned.downstream}",
                message=f"{doc.path} plans {planned.upstream} → {planned.downstream}, but in {graph.source} "
                        f"{'the order is reversed' if reversed_order else f'{b} does not depend on {a}'}.",
                citations=[Citation(artifact="design_doc", locator=planned.locator),
                           self._cite_graph(graph, graph.source)],
                path=graph.source if graph.where != "deployed" else None,
                claim=f"{planned.upstream} → {planned.downstream}", intent_source=doc.path,
                shipped="reversed" if reversed_order else "no dependency")
            result.findings += [finding] if finding else []

    def _params(self, evidence: Evidence, doc: DesignDoc, rules: RuleBook, result: AgentResult) -> None:
        shipped: dict[str, tuple[str, str]] = {}
        where: dict[str, str] = {}  # the file and line that sets each parameter, as its reader found it
        for graph in evidence.shipped_pipelines:
            for key, value in graph.params.items():
                shipped.setdefault(key, (value, graph.source))
                where.setdefault(key, graph.param_locators.get(key, ""))
        seen: set[str] = set()
        for param in doc.params:
            if param.key in seen or param.key not in shipped:
                continue
            seen.add(param.key)
            value, source = shipped[param.key]
            planned_num, shipped_num = _number(param.value), _number(value)
            if planned_num is not None and shipped_num is not None:
                if abs(planned_num - shipped_num) <= 1e-12 * max(1.0, abs(planned_num)):
                    continue
            elif param.value.strip("'\" ").lower() == value.strip("'\" ").lower():
                continue
            params_file = source.rsplit("/", 1)[0] + "/params.yaml" if "/" in source else "params.yaml"
            line = next((n for n, ln in enumerate(evidence.head_texts.get(params_file, "").splitlines(), 1)
                         if param.key.rsplit(".", 1)[-1] + ":" in ln), None)
            if where.get(param.key):
                params_file, _, at = where[param.key].partition("#")
                line = int(at[1:]) if at.startswith("L") and at[1:].isdigit() else None
            finding = rules.finding(
                "design.params-match", subject=param.key,
                message=f"{doc.path} fixes {param.key} = {param.value}; the shipped config has {value}.",
                citations=[Citation(artifact="design_doc", locator=param.locator),
                           Citation(artifact="diff", locator=f"{params_file}#L{line}" if line else params_file)],
                path=params_file, line=line, claim=f"{param.key} = {param.value}", intent_source=doc.path,
                shipped=f"{param.key} = {value}")
            result.findings += [finding] if finding else []


AGENT = DesignAgent()
