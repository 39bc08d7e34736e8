"""Kubeflow Pipelines: the compiled v2 IR (YAML or JSON), and pipeline definitions in Python read with `ast`.

Compiled spec: the stages are the tasks of the root DAG and of nested condition (`condition-N`) and
loop (`for-loop-N`) DAGs, named by `taskInfo.name`; `dependentTasks` make the edges (a dependency on
a sub-DAG is one on every task inside it); the pipeline's parameter defaults
(`root.inputDefinitions.parameters.*.defaultValue`) are its shipped parameters, and constants a task
passes (`runtimeValue.constant`) are that stage's.

Python (`@dsl.pipeline`): each component call is a stage named as the compiler names it
(`.set_display_name(...)`, else the component's name in kebab case, `-2` for a second call), with
edges from `.after(...)` and from passing a task's `.output`/`.outputs[...]`.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any, Literal

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.dvc import flatten
from custody.reviewer.gather.readers.safe_yaml import load_yaml
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage

MAX_DEPTH = 20
COMPONENT_MODULE = re.compile(r"(^|\.|_)(components?|ops?)($|\.|_)|^google_cloud_pipeline_components")
MAX_TASKS = 2_000
ARGO_KIND = re.compile(r"(?m)^kind:\s*(Workflow|WorkflowTemplate|CronWorkflow)\s*$|\"kind\"\s*:\s*\"Workflow\"")
DEPENDS_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
SPEC_MARKERS = re.compile(r"(?m)^\s*(pipelineInfo|deploymentSpec)\s*:|\"(pipelineInfo|deploymentSpec)\"\s*:")
# Methods of a KFP task that return the task itself.
TASK_METHODS = {"set_display_name", "after", "set_caching_options", "set_cpu_limit", "set_cpu_request",
                "set_memory_limit", "set_memory_request", "set_gpu_limit", "set_accelerator_type",
                "set_accelerator_limit", "add_node_selector_constraint", "set_env_variable", "set_retry",
                "add_pod_label", "add_pod_annotation", "set_timeout", "ignore_upstream_failure",
                "set_container_image", "set_beta_field", "add_toleration"}


def looks_like_compiled_spec(text: str) -> bool:
    """Cheap test before parsing: a compiled PipelineSpec has `pipelineInfo` and `root` at the top, a
    KFP v1 (Argo) one is a `Workflow` of `argoproj.io`."""
    if ARGO_KIND.search(text) and "argoproj.io" in text:
        return True
    return bool(SPEC_MARKERS.search(text)) and ("root" in text) and ("components" in text or "dag" in text)


def _depends(task: dict[str, Any]) -> list[str]:
    """`dependencies: [a]`, or Argo's `depends: "a && (b.Succeeded || c)"`."""
    names = [str(d) for d in task.get("dependencies") or [] if isinstance(d, str)]
    depends = task.get("depends")
    if isinstance(depends, str):
        names += [n for n in DEPENDS_NAME.findall(depends) if n.lower() not in ("succeeded", "failed", "errored",
                                                                             "skipped", "daemoned", "omitted")]
    return names


def read_argo_workflow(path: str, spec: dict[str, Any], where: Literal["head", "base", "deployed"]) -> PipelineGraph:
    """A KFP v1 pipeline compiled to an Argo Workflow: the DAG tasks of its entrypoint and nested DAG templates."""
    body: dict[str, Any] = spec["spec"] if isinstance(spec.get("spec"), dict) else {}
    if isinstance(body.get("workflowSpec"), dict):  # a CronWorkflow
        body = body["workflowSpec"]
    templates = {str(t.get("name")): t for t in body.get("templates") or [] if isinstance(t, dict)}
    entry = templates.get(str(body.get("entrypoint")))
    if entry is None:
        raise ValueError("an Argo Workflow without its entrypoint template")
    stages: dict[str, Stage] = {}
    members: dict[str, list[str]] = {}
    pending: list[tuple[str, str]] = []

    def display(template: dict[str, Any] | None, fallback: str) -> str:
        annotations = ((template or {}).get("metadata") or {}).get("annotations") or {}
        label = annotations.get("pipelines.kubeflow.org/task_display_name") if isinstance(annotations, dict) else None
        return str(label or fallback)

    def walk(template: dict[str, Any], scope: str, inherited: list[str], depth: int) -> list[str]:
        inside: list[str] = []
        tasks = (template.get("dag") or {}).get("tasks") or []
        for index, task in enumerate(tasks if isinstance(tasks, list) and depth <= MAX_DEPTH else []):
            if not isinstance(task, dict) or not task.get("name") or len(stages) >= MAX_TASKS:
                continue
            key = f"{scope}{task['name']}"
            upstream = [f"{scope}{d}" for d in _depends(task)]
            target = templates.get(str(task.get("template")))
            if isinstance(target, dict) and "dag" in target:
                members[key] = walk(target, f"{key}/", inherited + upstream, depth + 1)
                inside += members[key]
                continue
            label = display(target, str(task["name"]))
            stages[key] = Stage(name=label, kind=str(task.get("template") or ""),
                                aliases=[str(task["name"])] if label != task["name"] else [],
                                locator=f"{path}#/spec/templates/{template.get('name')}/dag/tasks/{index}")
            inside.append(key)
            pending.extend((before, key) for before in upstream or inherited)
        return inside

    walk(entry, "", [], 0)
    edges = {(stages[a].name, stages[b].name) for before, b in pending for a in members.get(before, [before])
             if a in stages and b in stages and a != b}
    params = {str(p["name"]): str(p["value"]) for p in (body.get("arguments") or {}).get("parameters") or []
              if isinstance(p, dict) and p.get("name") and p.get("value") is not None}
    metadata: dict[str, Any] = spec["metadata"] if isinstance(spec.get("metadata"), dict) else {}
    name = str(metadata.get("name") or str(metadata.get("generateName") or "").rstrip("-") or path)
    return PipelineGraph(name=name, where=where, format="kubeflow", source=path, stages=list(stages.values()),
                         params=params, edges=[Edge(upstream=a, downstream=b) for a, b in sorted(edges)])


def _parse_spec(path: str, text: str) -> Any:
    if path.endswith(".json"):
        spec = json.loads(text)
        return spec.get("pipelineSpec", spec) if isinstance(spec, dict) else spec  # a PipelineJob wraps it
    return load_yaml(text, path)


def _constant(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    runtime = value.get("runtimeValue")
    if isinstance(runtime, dict):
        if "constant" in runtime:
            return json.dumps(runtime["constant"]) if isinstance(runtime["constant"], (dict, list)) \
                else str(runtime["constant"])
        constant = runtime.get("constantValue")
        if isinstance(constant, dict) and constant:
            return str(next(iter(constant.values())))
    return None


def read_kubeflow(path: str, text: str, where: Literal["head", "base", "deployed"]) -> PipelineGraph:
    spec = _parse_spec(path, text)
    if isinstance(spec, dict) and str(spec.get("kind")) in ("Workflow", "WorkflowTemplate", "CronWorkflow"):
        return read_argo_workflow(path, spec, where)
    if not isinstance(spec, dict) or not isinstance(spec.get("root"), dict):
        raise ValueError("not a compiled PipelineSpec (no root)")
    components = spec.get("components") or {}
    stages: dict[str, Stage] = {}  # scoped key ("condition-1/train") -> stage
    members: dict[str, list[str]] = {}  # scoped key of a sub-DAG task -> scoped keys of the stages inside
    pending: list[tuple[str, str]] = []  # (scoped upstream key, scoped downstream key)
    used: dict[str, int] = {}

    def walk(dag: dict[str, Any], scope: str, inherited: list[str], pointer: str, depth: int) -> list[str]:
        inside: list[str] = []
        if depth > MAX_DEPTH:
            return inside
        tasks = (dag.get("dag") or {}).get("tasks") or {}
        for key, task in tasks.items() if isinstance(tasks, dict) else []:
            if not isinstance(task, dict) or len(stages) >= MAX_TASKS:
                continue
            scoped = f"{scope}{key}"
            upstream = [f"{scope}{u}" for u in task.get("dependentTasks") or [] if isinstance(u, str)]
            component = str((task.get("componentRef") or {}).get("name", ""))
            nested = components.get(component) if isinstance(components, dict) else None
            if isinstance(nested, dict) and "dag" in nested:
                # A condition or loop: its tasks are stages, and they wait for what it waits for.
                members[scoped] = walk(nested, f"{scoped}/", inherited + upstream,
                                       f"#/components/{component}/dag/tasks", depth + 1)
                inside += members[scoped]
                continue
            name = str((task.get("taskInfo") or {}).get("name") or key)
            used[name] = used.get(name, 0) + 1
            params = {}
            for pname, pvalue in ((task.get("inputs") or {}).get("parameters") or {}).items():
                constant = _constant(pvalue)
                if constant is not None:
                    params[str(pname)] = constant
            stages[scoped] = Stage(name=name, kind=component.removeprefix("comp-"), params=params,
                                   aliases=[key] if key != name else [], locator=f"{path}{pointer}/{key}")
            inside.append(scoped)
            pending.extend((before, scoped) for before in upstream or inherited)
        return inside

    walk(spec["root"], "", [], "#/root/dag/tasks", 0)
    edges: set[tuple[str, str]] = set()
    for before, after in pending:
        for a in members.get(before, [before]):
            if a in stages and after in stages and a != after:
                edges.add((stages[a].name, stages[after].name))
    params: dict[str, str] = {}
    locators: dict[str, str] = {}
    defaults = ((spec["root"].get("inputDefinitions") or {}).get("parameters") or {})
    for name, definition in defaults.items() if isinstance(defaults, dict) else []:
        if isinstance(definition, dict) and "defaultValue" in definition:
            value = definition["defaultValue"]
            if isinstance(value, float) and value.is_integer() and definition.get("parameterType") == "NUMBER_INTEGER":
                value = int(value)  # the IR stores integers as JSON numbers: 10.0 is the 10 the code says
            if isinstance(value, (dict, list)):
                params.update(flatten(value, f"{name}."))
            else:
                params[str(name)] = str(value)
            locators.update({k: f"{path}#/root/inputDefinitions/parameters/{name}" for k in params
                             if k == name or k.startswith(f"{name}.")})
    info = spec.get("pipelineInfo") or {}
    return PipelineGraph(name=str(info.get("name") or path), where=where, format="kubeflow", source=path,
                         stages=list(stages.values()), params=params, param_locators=locators,
                         edges=[Edge(upstream=a, downstream=b) for a, b in sorted(edges)])


# -- pipeline definitions in Python --------------------------------------------------------------

def _kebab(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _is_decorator(node: ast.expr, names: tuple[str, ...]) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    text = ast.unparse(target)
    return text.rsplit(".", 1)[-1] in names


class _Pipeline:
    def __init__(self, path: str, components: set[str]) -> None:
        self.path = path
        self.components = components  # names known to be components (decorated, loaded, imported)
        self.stages: list[Stage] = []
        self.tasks: dict[int, int] = {}  # id(call node) -> index in stages
        self.edges: set[tuple[int, int]] = set()
        self.used: dict[str, int] = {}

    def task(self, node: ast.expr, env: dict[str, list[int]]) -> list[int]:
        """The tasks an expression stands for, creating the one a component call makes."""
        if isinstance(node, ast.Name):
            return env.get(node.id, [])
        if isinstance(node, (ast.Attribute, ast.Subscript)) and not isinstance(node, ast.Call):
            return self.task(node.value, env)
        if isinstance(node, (ast.List, ast.Tuple)):
            return [t for e in node.elts for t in self.task(e, env)]
        if not isinstance(node, ast.Call):
            return []
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in TASK_METHODS:
            made = self.task(func.value, env)
            if func.attr == "set_display_name" and made and node.args:
                label = node.args[0]
                if isinstance(label, ast.Constant) and isinstance(label.value, str):
                    for index in made:  # the compiler's name for the step stays a name a plan may use
                        stage = self.stages[index]
                        stage.aliases = list(dict.fromkeys([*stage.aliases, stage.name]))
                        stage.name = label.value
            if func.attr == "after":
                for arg in node.args:
                    self.edges.update((u, d) for u in self.task(arg, env) for d in made)
            return made
        name = ast.unparse(func)
        short = name.rsplit(".", 1)[-1]
        upstream = [t for arg in [*node.args, *(k.value for k in node.keywords)] for t in self._inputs(arg, env)]
        if name not in self.components and short not in self.components:
            return upstream  # dsl.If(t.output > x), a helper of a task's output: the tasks it reads
        if id(node) in self.tasks:
            return [self.tasks[id(node)]]
        if len(self.stages) >= MAX_TASKS:
            return []
        named = next((k.value for k in node.keywords if k.arg == "name"), None) if short == "ContainerOp" else None
        base = named.value if isinstance(named, ast.Constant) and isinstance(named.value, str) else _kebab(short)
        self.used[base] = self.used.get(base, 0) + 1
        task_name = base if self.used[base] == 1 else f"{base}-{self.used[base]}"
        params = {}
        for keyword in node.keywords:  # literal arguments are values the pipeline fixes for this step
            if keyword.arg and isinstance(keyword.value, ast.Constant) and isinstance(
                    keyword.value.value, (int, float, str, bool)) and len(str(keyword.value.value)) <= 200:
                params[keyword.arg] = str(keyword.value.value)
        self.stages.append(Stage(name=task_name, kind=short, params=params,
                                 locator=file_locator(self.path, node.lineno)))
        index = len(self.stages) - 1
        self.tasks[id(node)] = index
        self.edges.update((u, index) for u in upstream)
        return [index]

    def _inputs(self, node: ast.expr, env: dict[str, list[int]]) -> list[int]:
        """Tasks whose outputs an argument passes (`t.output`, `t.outputs["x"]`, `t`, or a call making one)."""
        if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call, ast.List, ast.Tuple)):
            return self.task(node, env)
        return [t for child in ast.iter_child_nodes(node) if isinstance(child, ast.expr)
                for t in self._inputs(child, env)]

    def run(self, body: list[ast.stmt], env: dict[str, list[int]], after: list[int], depth: int = 0) -> None:
        for stmt in body:
            if depth > MAX_DEPTH:
                return
            before = len(self.stages)
            if isinstance(stmt, ast.Assign):
                made = self.task(stmt.value, env)
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        env[target.id] = made
            elif isinstance(stmt, ast.Expr):
                self.task(stmt.value, env)
            elif isinstance(stmt, (ast.With, ast.For)):
                # dsl.Condition / dsl.If / dsl.ParallelFor: tasks inside wait for what the condition reads
                gate: list[int] = []
                for expr in ([i.context_expr for i in stmt.items] if isinstance(stmt, ast.With) else [stmt.iter]):
                    gate += self._inputs(expr, env)
                self.run(stmt.body, env, after + gate, depth + 1)
            elif isinstance(stmt, ast.If):
                gate = self._inputs(stmt.test, env)
                self.run(stmt.body, env, after + gate, depth + 1)
                self.run(stmt.orelse, env, after + gate, depth + 1)
            for index in range(before, len(self.stages)):
                self.edges.update((u, index) for u in after if u != index)


def _components(tree: ast.Module) -> set[str]:
    """Names that make a task when called: decorated or loaded components, and imports from component modules."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                _is_decorator(d, ("component", "container_component", "create_component_from_func",
                                  "func_to_container_op")) for d in node.decorator_list):
            names.add(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            called = ast.unparse(node.value.func).rsplit(".", 1)[-1]
            if called.startswith(("load_component", "create_component_from", "func_to_container_op",
                                  "component")) or called in ("ContainerOp", "importer"):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom) and COMPONENT_MODULE.search(node.module or ""):
            names.update(alias.asname or alias.name for alias in node.names)
    names.update(("importer", "dsl.importer", "ContainerOp"))
    return names


def read_kfp_python(path: str, text: str, where: Literal["head", "base"]) -> list[PipelineGraph]:
    """One graph per `@dsl.pipeline` function of a Python file (parsed, never run)."""
    tree = parse_python(text, path)
    components = _components(tree)
    graphs = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decorator = next((d for d in node.decorator_list if _is_decorator(d, ("pipeline",))), None)
        if decorator is None:
            continue
        name = node.name
        if isinstance(decorator, ast.Call):
            label = next((k.value for k in decorator.keywords if k.arg == "name"), None)
            if isinstance(label, ast.Constant) and isinstance(label.value, str):
                name = label.value
        pipeline = _Pipeline(path, components)
        pipeline.run(node.body, {}, [])
        if not pipeline.stages:
            continue
        params: dict[str, str] = {}
        locators: dict[str, str] = {}
        defaults = node.args.defaults
        for arg, default in zip(node.args.args[len(node.args.args) - len(defaults):], defaults, strict=True):
            if isinstance(default, ast.Constant) and default.value is not None:
                params[arg.arg] = str(default.value)
                locators[arg.arg] = file_locator(path, default.lineno)
        for stage in pipeline.stages:  # a step's literal arguments as `<component>.<argument>`
            for key, value in stage.params.items():
                params.setdefault(f"{stage.kind}.{key}", value)
                locators.setdefault(f"{stage.kind}.{key}", stage.locator)
        graphs.append(PipelineGraph(
            name=name, where=where, format="kubeflow", source=path, stages=pipeline.stages, params=params,
            param_locators=locators,
            edges=[Edge(upstream=pipeline.stages[a].name, downstream=pipeline.stages[b].name)
                   for a, b in sorted(pipeline.edges) if a != b]))
    return graphs
