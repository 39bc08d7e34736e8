"""Airflow DAG files, read statically with `ast` (never imported or run).

Understands classic operators (`task_id=`), `>>`/`<<` with lists on either side, `set_upstream`/
`set_downstream`, `chain()`, `chain_linear()`, `cross_downstream()`, TaskFlow (`@task`, `@task.branch`,
`task(fn)`, `.override(task_id=...)`, edges from passing one task's result to another), dynamic
mapping (`.partial()`/`.expand()`), TaskGroups (`with TaskGroup("g")`, `@task_group`: ids `g.t`),
and one graph per DAG (`with DAG(...)`, `dag = DAG(...)`, `@dag`).
"""

from __future__ import annotations

import ast
import itertools
import sys
from dataclasses import dataclass, field
from typing import Literal

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.dvc import flatten
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage

MAX_TASKS = 2_000
MAX_LOOP = 100  # iterations of a literal `for` loop that builds tasks
MAX_DEPTH = 30  # nested task groups and calls of group functions
MAX_STEPS = 50_000  # statements read for one file, loops and helper calls included
TASK_DECORATORS = {"task", "dag_task"}
MAPPING = {"expand", "expand_kwargs"}
MAX_PARAM_CHARS = 200


@dataclass(frozen=True)
class Template:
    """A TaskFlow function, `task(fn)`, or `Op.partial(task_id=...)`: a task once called or expanded."""

    task_id: str
    kind: str
    line: int
    mapped: bool = False


@dataclass(frozen=True)
class GroupTemplate:
    group_id: str
    node: ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Helper:
    """A plain function that builds tasks (a factory called inside a DAG): its body runs where it is called."""

    node: ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Group:
    group_id: str  # full id, with the ids of the groups around it


Value = list[object]  # task ids (str), Groups, Templates, GroupTemplates, Helpers


@dataclass
class _Dag:
    path: str
    dag_id: str
    stages: dict[str, Stage] = field(default_factory=dict)
    edges: set[tuple[object, object]] = field(default_factory=set)
    members: dict[str, list[str]] = field(default_factory=dict)  # group id -> task ids in it
    called: dict[str, int] = field(default_factory=dict)  # TaskFlow ids already used, for `__1` suffixes
    pending: dict[Template, Value] = field(default_factory=dict)  # what a `.partial()` passed, until expanded
    params: dict[str, tuple[str, int]] = field(default_factory=dict)  # DAG `params` and `default_args`, with line

    def add(self, task_id: str, kind: str, line: int, groups: list[str], *, taskflow: bool,
            params: dict[str, str] | None = None) -> str:
        if taskflow and task_id in self.called:
            self.called[task_id] += 1
            task_id = f"{task_id}__{self.called[task_id]}"
        else:
            self.called.setdefault(task_id, 0)
        full = ".".join([*groups, task_id]) if groups else task_id
        if full not in self.stages and len(self.stages) < MAX_TASKS:
            self.stages[full] = Stage(name=full, kind=kind, group=groups[0] if groups else None,
                                      aliases=[task_id] if groups else [], params=params or {},
                                      locator=file_locator(self.path, line))
            for depth in range(1, len(groups) + 1):
                self.members.setdefault(".".join(groups[:depth]), []).append(full)
        return full

    def graph(self, where: Literal["head", "base", "deployed"]) -> PipelineGraph:
        edges: set[tuple[str, str]] = set()
        for up, down in self.edges:
            for a in self._ends(up, leaves=True):
                for b in self._ends(down, leaves=False):
                    if a != b:
                        edges.add((a, b))
        graph = PipelineGraph(name=self.dag_id, where=where, format="airflow_dag", source=self.path,
                              stages=list(self.stages.values()),
                              edges=[Edge(upstream=a, downstream=b) for a, b in sorted(edges)])
        for key, (value, line) in self.params.items():
            graph.params[key] = value
            graph.param_locators[key] = file_locator(self.path, line)
        for stage in self.stages.values():  # a task's own values as `<task_id>.<key>`
            for key, value in stage.params.items():
                graph.params.setdefault(f"{stage.name}.{key}", value)
                graph.param_locators.setdefault(f"{stage.name}.{key}", stage.locator)
        return graph

    def _ends(self, node: object, *, leaves: bool) -> list[str]:
        """A task is itself; a group upstream is its leaves, a group downstream its roots."""
        if isinstance(node, str):
            return [node] if node in self.stages else []
        if not isinstance(node, Group):
            return []
        inside = set(self.members.get(node.group_id, []))
        inner = {(a, b) for a, b in self.edges if isinstance(a, str) and isinstance(b, str) and a in inside
                 and b in inside}
        if leaves:
            return sorted(t for t in inside if not any(a == t for a, _ in inner))
        return sorted(t for t in inside if not any(b == t for _, b in inner))


def _const(node: ast.AST | None, consts: dict[str, str]) -> str | None:
    """A string known statically: a literal, a loop variable's value, or an f-string of those."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int)):
        return str(node.value)
    if isinstance(node, ast.Name):
        return consts.get(node.id)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            part = _const(value.value if isinstance(value, ast.FormattedValue) else value, consts)
            if part is None:
                return None
            parts.append(part)
        return "".join(parts)
    return None


def _literal(node: ast.AST | None) -> object | None:
    """A literal's value (numbers, strings, lists and dicts of them), None for anything computed."""
    if node is None:
        return None
    try:
        value: object = ast.literal_eval(node)
        return value
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _literal_params(call: ast.Call) -> dict[str, str]:
    """Values a task fixes: literal keyword arguments, and the entries of `op_kwargs=`/`params=` dicts."""
    out: dict[str, str] = {}
    for keyword in call.keywords:
        if keyword.arg in (None, "task_id", "dag"):
            continue
        value = _literal(keyword.value)
        if keyword.arg in ("op_kwargs", "params", "templates_dict") and isinstance(value, dict):
            out.update(flatten(value))
        elif isinstance(value, (int, float, str, bool)) and len(str(value)) <= MAX_PARAM_CHARS:
            out[keyword.arg] = str(value)
    return out


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _callable_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _Reader:
    def __init__(self, path: str, tree: ast.Module, aliases: dict[str, str]) -> None:
        self.path = path
        self.tree = tree
        self.aliases = aliases  # local name -> airflow name (task, dag, task_group, TaskGroup, chain...)
        self.lists: dict[str, ast.expr] = {}  # module-level names bound to literal lists
        self.constants: dict[str, str] = {}  # module-level names bound to literal strings (TASK_ID = "x")
        self.dicts: dict[str, ast.expr] = {}  # module-level names bound to dict displays (default_args = {...})
        self.active: set[int] = set()  # helper functions being read, against recursion
        # Functions imported from the project's own modules (not Airflow, not the standard library):
        # called in a DAG body, they are TaskFlow tasks defined elsewhere (`@task def extract(): ...`).
        self.imported_tasks = {
            alias.asname or alias.name for stmt in tree.body if isinstance(stmt, ast.ImportFrom)
            and stmt.level == 0 and stmt.module and _project_module(stmt.module)
            for alias in stmt.names if alias.name[:1].islower() and alias.name != "*"}
        self.steps = 0  # statements read in all, against a file built to take forever
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                if isinstance(stmt.value, (ast.List, ast.Tuple)):
                    self.lists[stmt.targets[0].id] = stmt.value
                elif isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                    self.constants[stmt.targets[0].id] = stmt.value.value
                elif isinstance(stmt.value, ast.Dict):
                    self.dicts[stmt.targets[0].id] = stmt.value

    def role(self, node: ast.AST) -> str | None:
        """What an expression names: `task`, `task.branch` -> "task"; `dag`, `task_group`, `chain`, ..."""
        if isinstance(node, ast.Call):
            node = node.func
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in (
                "airflow", "models", "decorators", "sdk", "baseoperator", "helpers"):
            return self.aliases.get(node.attr, node.attr)
        if isinstance(root, ast.Name):
            name = self.aliases.get(root.id, root.id)
            if name in TASK_DECORATORS:
                return "task"
            return name if root is node else None
        return None

    def dag_params(self, call: ast.Call) -> dict[str, tuple[str, int]]:
        """A DAG's `params={...}` (as they are) and literal `default_args` (as `default_args.<key>`)."""
        out: dict[str, tuple[str, int]] = {}
        params = _literal(_keyword(call, "params"))
        if isinstance(params, dict):
            out.update({k: (v, call.lineno) for k, v in flatten(params).items()})
        node = _keyword(call, "default_args")
        line = call.lineno
        if isinstance(node, ast.Name) and node.id in self.dicts:
            node = self.dicts[node.id]
            line = node.lineno
        defaults = _literal(node)
        if isinstance(defaults, dict):
            out.update({k: (v, line) for k, v in flatten(defaults, "default_args.").items()})
        return out

    # -- statements --------------------------------------------------------------------------

    def run(self, body: list[ast.stmt], dag: _Dag, env: dict[str, Value], consts: dict[str, str],
            groups: list[str], depth: int = 0) -> Value:
        returned: Value = []
        for stmt in body:
            self.steps += 1
            if len(dag.stages) >= MAX_TASKS or depth > MAX_DEPTH or self.steps > MAX_STEPS:
                break
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.define(stmt, env, consts)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and stmt.value is not None:
                value = self.value(stmt.value, dag, env, consts, groups, depth)
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        env[target.id] = env.get(target.id, []) + value if isinstance(stmt, ast.AugAssign) else value
            elif isinstance(stmt, ast.Expr):
                self.value(stmt.value, dag, env, consts, groups, depth)
            elif isinstance(stmt, ast.Return) and stmt.value is not None:
                returned = self.value(stmt.value, dag, env, consts, groups, depth)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                inner = groups
                for item in stmt.items:
                    expr = item.context_expr
                    if isinstance(expr, ast.Call) and self.role(expr) == "TaskGroup":
                        group_id = _const(expr.args[0] if expr.args else _keyword(expr, "group_id"), consts)
                        if group_id:
                            inner = [*inner, group_id]
                            if isinstance(item.optional_vars, ast.Name):
                                env[item.optional_vars.id] = [Group(".".join(inner))]
                    else:
                        self.value(expr, dag, env, consts, groups, depth)
                returned = self.run(stmt.body, dag, env, consts, inner, depth + 1) or returned
            elif isinstance(stmt, (ast.For, ast.AsyncFor)):
                values = self.loop_values(stmt.iter, consts)
                if values is not None and isinstance(stmt.target, ast.Name):
                    for one in values[:MAX_LOOP]:
                        self.run(stmt.body, dag, env, {**consts, stmt.target.id: one}, groups, depth + 1)
                else:
                    self.run(stmt.body, dag, env, consts, groups, depth + 1)
            elif isinstance(stmt, (ast.If, ast.While)):
                self.run(stmt.body, dag, env, consts, groups, depth + 1)
                self.run(stmt.orelse, dag, env, consts, groups, depth + 1)
            elif isinstance(stmt, ast.Try):
                for block in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody):
                    self.run(block, dag, env, consts, groups, depth + 1)
        return returned

    def loop_values(self, node: ast.expr, consts: dict[str, str]) -> list[str] | None:
        """The values of a literal list, or of a module-level name bound to one (`SOURCES = ["a", "b"]`)."""
        if isinstance(node, ast.Name) and node.id in self.lists:
            node = self.lists[node.id]
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            values = [_const(e, consts) for e in node.elts]
            return [v for v in values if v is not None] if all(v is not None for v in values) else None
        return None

    def define(self, node: ast.FunctionDef | ast.AsyncFunctionDef, env: dict[str, Value],
               consts: dict[str, str]) -> None:
        for decorator in node.decorator_list:
            role = self.role(decorator)
            call = decorator if isinstance(decorator, ast.Call) else None
            if role == "task":
                task_id = _const(_keyword(call, "task_id"), consts) if call else None
                kind = "@" + ast.unparse(call.func if call else decorator)
                env[node.name] = [Template(task_id or node.name, kind, node.lineno)]
            elif role == "task_group":
                group_id = _const(_keyword(call, "group_id") or (call.args[0] if call.args else None), consts) \
                    if call else None
                env[node.name] = [GroupTemplate(group_id or node.name, node)]
        if not node.decorator_list and _builds_tasks(node):
            env[node.name] = [Helper(node)]

    # -- expressions ---------------------------------------------------------------------------

    def tasks_in(self, node: ast.AST, dag: _Dag, env: dict[str, Value], consts: dict[str, str],
                 groups: list[str], depth: int) -> Value:
        """The tasks an argument passes on (XComArgs): each call evaluated once, names looked up."""
        if isinstance(node, (ast.Call, ast.BinOp, ast.Name, ast.Attribute, ast.Subscript)):
            return [v for v in self.value(node, dag, env, consts, groups, depth) if isinstance(v, (str, Group))]
        out: Value = []
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                out += self.tasks_in(child, dag, env, consts, groups, depth)
        return out

    def value(self, node: ast.AST, dag: _Dag, env: dict[str, Value], consts: dict[str, str],
              groups: list[str], depth: int) -> Value:
        if isinstance(node, ast.Name):
            return list(env.get(node.id, []))
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return [v for e in node.elts for v in self.value(e, dag, env, consts, groups, depth)]
        if isinstance(node, ast.Attribute):  # `t.output`: the task itself
            return [v for v in self.value(node.value, dag, env, consts, groups, depth) if isinstance(v, str)]
        if isinstance(node, ast.Subscript):  # `t.outputs["x"]`, `t["x"]`
            return [v for v in self.value(node.value, dag, env, consts, groups, depth) if isinstance(v, str)]
        if isinstance(node, ast.BinOp):
            left = self.value(node.left, dag, env, consts, groups, depth)
            right = self.value(node.right, dag, env, consts, groups, depth)
            if isinstance(node.op, ast.RShift):
                dag.edges.update((a, b) for a in left for b in right)
                return right
            if isinstance(node.op, ast.LShift):
                dag.edges.update((b, a) for a in left for b in right)
                return right
            if isinstance(node.op, ast.Add):
                return left + right
            return []
        if isinstance(node, ast.Call):
            return self.call(node, dag, env, consts, groups, depth)
        if isinstance(node, ast.ListComp) and len(node.generators) == 1 and isinstance(node.generators[0].target,
                                                                                         ast.Name):
            # [Op(task_id=f"load_{s}") for s in ["a", "b"]]: one task per literal value
            target = node.generators[0].target.id
            values = self.loop_values(node.generators[0].iter, consts) or []
            return [v for one in values[:MAX_LOOP]
                    for v in self.value(node.elt, dag, env, {**consts, target: one}, groups, depth)]
        return []

    def call(self, node: ast.Call, dag: _Dag, env: dict[str, Value], consts: dict[str, str],
             groups: list[str], depth: int) -> Value:
        func = node.func
        args = [*node.args, *(k.value for k in node.keywords)]

        def inputs() -> Value:
            return [t for a in args for t in self.tasks_in(a, dag, env, consts, groups, depth)]

        role = self.role(node)
        if role in ("chain", "chain_linear", "cross_downstream"):
            parts = [self.value(a, dag, env, consts, groups, depth) for a in node.args]
            if role == "cross_downstream":
                if len(parts) == 2:
                    dag.edges.update((a, b) for a in parts[0] for b in parts[1])
            else:
                for before, after in itertools.pairwise(parts):
                    if role == "chain" and len(before) == len(after) > 1:
                        dag.edges.update(zip(before, after, strict=True))  # chain([a, b], [c, d]): a>>c, b>>d
                    else:
                        dag.edges.update((a, b) for a in before for b in after)
            return parts[-1] if parts else []
        if isinstance(func, ast.Attribute) and func.attr in ("set_downstream", "set_upstream") and node.args:
            here = self.value(func.value, dag, env, consts, groups, depth)
            there = self.value(node.args[0], dag, env, consts, groups, depth)
            if func.attr == "set_downstream":
                dag.edges.update((a, b) for a in here for b in there)
            else:
                dag.edges.update((b, a) for a in here for b in there)
            return []
        # `task(fn, ...)` / `task.branch(fn)`: a template named after the callable
        if role == "task" and node.args and _callable_name(node.args[0]) and not isinstance(func, ast.Call):
            task_id = _const(_keyword(node, "task_id"), consts) or _callable_name(node.args[0]) or "task"
            return [Template(task_id, "@" + ast.unparse(func), node.lineno)]
        if isinstance(func, ast.Attribute):
            base = self.value(func.value, dag, env, consts, groups, depth) if not (
                isinstance(func.value, ast.Name) and func.value.id not in env) else []
            templates = [t for t in base if isinstance(t, Template)]
            if templates and func.attr in ("override", "partial"):
                override = _const(_keyword(node, "task_id"), consts)
                pending = inputs()
                derived = [Template(override or t.task_id, t.kind, t.line, t.mapped or func.attr == "partial")
                           for t in templates]
                for one in derived:  # partial(x=upstream) passes data already
                    dag.pending[one] = dag.pending.get(one, []) + pending
                return list(derived)
            if templates and func.attr in MAPPING:
                return [self.make(t, node, dag, groups, inputs(), mapped=True) for t in templates]
            if func.attr == "partial" and _keyword(node, "task_id") is not None:  # Operator.partial(task_id=..)
                partial_id = _const(_keyword(node, "task_id"), consts)
                if partial_id:
                    return [Template(partial_id, ast.unparse(func.value), node.lineno, mapped=True)]
            if base and func.attr not in MAPPING:
                return [b for b in base if isinstance(b, (str, Group))]  # t.set_retry(...), xcomarg.map(...)
        callee = self.value(func, dag, env, consts, groups, depth) if isinstance(func, (ast.Name, ast.Call)) else []
        templates = [t for t in callee if isinstance(t, Template)]
        if templates:
            return [self.make(t, node, dag, groups, inputs(), mapped=t.mapped) for t in templates]
        helpers = [t for t in callee if isinstance(t, Helper)]
        if helpers and depth < MAX_DEPTH and id(helpers[0].node) not in self.active:
            helper = helpers[0].node
            local, inner = dict(env), dict(consts)
            names = [a.arg for a in helper.args.args]
            defaults = helper.args.defaults
            bound: list[tuple[str, ast.expr]] = list(zip(names[len(names) - len(defaults):], defaults, strict=True))
            bound += list(zip(names, node.args, strict=False))
            bound += [(k.arg, k.value) for k in node.keywords if k.arg in names]
            for name, arg in bound:  # tasks and strings passed in keep their meaning inside
                local[name] = self.value(arg, dag, env, consts, groups, depth)
                text = _const(arg, consts)
                if text is not None:
                    inner[name] = text
            self.active.add(id(helper))  # a helper that calls itself is read once, not unrolled
            try:
                return self.run(helper.body, dag, local, inner, groups, depth + 1)
            finally:
                self.active.discard(id(helper))
        group_templates = [t for t in callee if isinstance(t, GroupTemplate)]
        if group_templates and depth < MAX_DEPTH and self.steps <= MAX_STEPS:
            out: Value = []
            for group_template in group_templates:
                if id(group_template.node) in self.active:
                    continue  # a group that calls itself is read once
                group_id = group_template.group_id
                group = ".".join([*groups, group_id])
                upstream = inputs()
                self.active.add(id(group_template.node))
                try:
                    result = self.run(group_template.node.body, dag, dict(env), consts, [*groups, group_id],
                                      depth + 1)
                finally:
                    self.active.discard(id(group_template.node))
                for t in upstream:
                    dag.edges.add((t, Group(group)))
                out += [Group(group)] if Group(group).group_id in dag.members else result
            return out
        operator_id = _const(_keyword(node, "task_id"), consts)
        if operator_id is not None:  # a classic operator (or sensor)
            upstream = inputs()
            made = dag.add(operator_id, ast.unparse(func)[:120], node.lineno, groups, taskflow=False,
                           params=_literal_params(node))
            dag.edges.update((t, made) for t in upstream)
            return [made]
        if isinstance(func, ast.Name) and func.id in self.imported_tasks and func.id not in env:
            upstream = inputs()  # a task defined in another module of the project, called here
            made = dag.add(func.id, f"imported task {func.id}", node.lineno, groups, taskflow=True,
                           params=_literal_params(node))
            dag.edges.update((t, made) for t in upstream)
            return [made]
        for arg in args:  # other calls: evaluate their arguments, which may create tasks
            self.value(arg, dag, env, consts, groups, depth)
        return []

    def make(self, template: Template, node: ast.Call, dag: _Dag, groups: list[str], upstream: Value,
             *, mapped: bool) -> str:
        made = dag.add(template.task_id, template.kind + (" (mapped)" if mapped else ""), node.lineno, groups,
                       taskflow=True, params=_literal_params(node))
        dag.edges.update((t, made) for t in upstream + dag.pending.get(template, []))  # and what .partial() passed
        return made


# Packages a DAG imports helpers from that are libraries, not the project's own task modules.
LIBRARIES = {"airflow", "pendulum", "dateutil", "numpy", "pandas", "sklearn", "torch", "tensorflow", "requests",
             "boto3", "google", "azure", "kubernetes", "cosmos", "weaviate", "openai", "langchain", "sqlalchemy",
             "yaml", "jinja2", "pydantic", "attr", "attrs", "typing_extensions", "great_expectations", "mlflow"}


def _project_module(module: str) -> bool:
    top = module.split(".", 1)[0]
    return top not in LIBRARIES and top not in sys.stdlib_module_names and not top.startswith("airflow")


def _builds_tasks(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Does a plain function make operators (`task_id=`) or wire tasks (`>>`, `<<`)?"""
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and any(k.arg == "task_id" for k in child.keywords):
            return True
        if isinstance(child, ast.BinOp) and isinstance(child.op, (ast.RShift, ast.LShift)):
            return True
    return False


def _aliases(tree: ast.Module) -> dict[str, str]:
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("airflow"):
            for alias in node.names:
                out[alias.asname or alias.name] = alias.name
    return out


def _dag_id(call: ast.Call | None, default: str) -> str:
    if call is None:
        return default
    node = _keyword(call, "dag_id") or (call.args[0] if call.args else None)
    return _const(node, {}) or default


def read_airflow_dags(path: str, text: str, where: Literal["head", "base", "deployed"]) -> list[PipelineGraph]:
    """One graph per DAG the file defines (none when it defines no task)."""
    tree = parse_python(text, path)
    reader = _Reader(path, tree, _aliases(tree))
    module_env: dict[str, Value] = {}
    for stmt in tree.body:  # TaskFlow functions and groups defined at module level, used inside DAGs
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            reader.define(stmt, module_env, {})
    scopes: list[tuple[str, list[ast.stmt], ast.Call | None]] = []
    module_dag: str | None = None
    module_call: ast.Call | None = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if reader.role(decorator) == "dag":
                    call = decorator if isinstance(decorator, ast.Call) else None
                    scopes.append((_dag_id(call, node.name), node.body, call))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call) and reader.role(expr) == "DAG":
                    scopes.append((_dag_id(expr, path), node.body, expr))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and reader.role(node.value) == "DAG":
            module_dag, module_call = _dag_id(node.value, path), node.value
    if module_dag is not None or not scopes:
        scopes.insert(0, (module_dag or path, [s for s in tree.body if not isinstance(s, (ast.With, ast.AsyncWith))
                                               or not any(reader.role(i.context_expr) == "DAG" for i in s.items)],
                          module_call))
    graphs = []
    for dag_id, body, call in scopes:
        dag = _Dag(path=path, dag_id=dag_id)
        if call is not None:
            dag.params = reader.dag_params(call)
        reader.run(body, dag, dict(module_env), dict(reader.constants), [])
        if dag.stages:
            graphs.append(dag.graph(where))
    return graphs
