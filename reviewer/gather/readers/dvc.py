"""DVC pipelines: `dvc.yaml` with `vars`, `${...}` interpolation, `foreach` and `matrix`, as DVC expands them.

Stages are named the way `dvc dag` names them (`train@a`, `export@onnx-cpu`); a dependency on a file
inside a directory another stage outputs is an edge, and each stage's `params:` are read with the
values of the params files they name.
"""

from __future__ import annotations

import copy
import itertools
import json
import posixpath
import re
import shlex
from collections.abc import Callable
from typing import Any, Literal

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage

MAX_EXPANDED = 2_000  # stages one dvc.yaml may expand to
MAX_PARAMS = 5_000  # flattened parameters kept from one params file
MAX_PARAM_DEPTH = 50
MAX_PARAM_CHARS = 10_000  # one list parameter, as JSON
DEFAULT_PARAMS = "params.yaml"
INTERPOLATION = re.compile(r"\$\{\s*([^}]+?)\s*\}")
PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE]-?\d+)?")
MAX_FLAGS = 100

# Reads another file of the repository (a path relative to the repository root), None when absent.
FileReader = Callable[[str], str | None]


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """`{evaluate: {max_site_mape: 0.25}}` as `{"evaluate.max_site_mape": "0.25"}`; bounded in keys and depth."""
    out: dict[str, str] = {}
    _flatten(data, prefix, out, 0)
    return out


def _flatten(data: Any, prefix: str, out: dict[str, str], depth: int) -> None:
    if len(out) >= MAX_PARAMS or depth > MAX_PARAM_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            _flatten(value, f"{prefix}{key}.", out, depth + 1)
    elif isinstance(data, list):
        try:
            dumped = json.dumps(data, default=str)
        except (ValueError, TypeError, RecursionError):  # a date as a key, a list that contains itself
            dumped = str(data)
        out[prefix.rstrip(".")] = dumped if len(dumped) <= MAX_PARAM_CHARS else dumped[:MAX_PARAM_CHARS] + "..."
    elif prefix:
        out[prefix.rstrip(".")] = str(data)


KEY_LINE = r"^\s*(?:-\s+)?['\"]?{}['\"]?\s*:"


def key_line(text: str, key: str) -> int | None:
    """The line of a dotted key in a YAML mapping: each part searched after the line of the one before."""
    lines = text.splitlines()
    at = 0
    found = None
    for part in key.split("."):
        pattern = re.compile(KEY_LINE.format(re.escape(part)))
        found = next((n for n in range(at, len(lines)) if pattern.match(lines[n])), None)
        if found is None:
            return None
        at = found + 1
    return found + 1 if found is not None else None


def read_params(path: str, text: str | None) -> dict[str, str]:
    """A DVC params file, flattened; raises YAMLError or YamlLimitError when it cannot be read."""
    return flatten(_load_params(path, text)) if text else {}


def _load_params(path: str, text: str | None) -> Any:
    if not text:
        return None
    if path.endswith(".json"):
        return json.loads(text)
    return load_yaml(text, path)  # .yaml; .toml and .py params files are not read


# -- interpolation -------------------------------------------------------------------------------

def lookup(context: dict[str, Any], expr: str) -> Any:
    """`models.narwhal.conf`, `item.split`, `splits[0]` in the context; KeyError when absent."""
    value: Any = context
    for name, index in PATH_PART.findall(expr.strip()):
        if name:
            if not isinstance(value, dict) or name not in value:
                raise KeyError(expr)
            value = value[name]
        else:
            if not isinstance(value, list) or int(index) >= len(value):
                raise KeyError(expr)
            value = value[int(index)]
    return value


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def interpolate(value: Any, context: dict[str, Any], used: set[str] | None = None) -> Any:
    """Resolve `${...}` in every string of `value`; a string that is one whole `${x}` becomes x itself."""
    if isinstance(value, str):
        whole = INTERPOLATION.fullmatch(value.strip())
        if whole:
            try:
                found = lookup(context, whole.group(1))
            except KeyError:
                return value
            if used is not None:
                used.add(whole.group(1).strip())
            return found

        def one(match: re.Match[str]) -> str:
            try:
                found = lookup(context, match.group(1))
            except KeyError:
                return match.group(0)
            if used is not None:
                used.add(match.group(1).strip())
            return found if isinstance(found, str) else _scalar(found) if not isinstance(found, (dict, list)) \
                else json.dumps(found, default=str)

        return INTERPOLATION.sub(one, value)
    if isinstance(value, list):
        return [interpolate(v, context, used) for v in value]
    if isinstance(value, dict):
        return {interpolate(k, context, used) if isinstance(k, str) else k: interpolate(v, context, used)
                for k, v in value.items()}
    return value


def _merge(into: dict[str, Any], new: Any) -> None:
    if isinstance(new, dict):
        for key, value in new.items():
            if isinstance(value, dict) and isinstance(into.get(key), dict):
                _merge(into[key], value)
            else:
                into[key] = value


# -- expansion -----------------------------------------------------------------------------------

def _name_part(value: Any, fallback: str) -> str:
    return _scalar(value) if isinstance(value, (str, int, float, bool)) else fallback


def expand(name: str, spec: Any, context: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """The stages one dvc.yaml entry stands for: (name, body, context with item/key)."""
    if not isinstance(spec, dict):
        return [(name, {}, context)]
    if "foreach" in spec and "do" in spec:
        items = interpolate(spec["foreach"], context)
        body = spec["do"] if isinstance(spec["do"], dict) else {}
        if isinstance(items, dict):
            return [(f"{name}@{key}", body, {**context, "item": value, "key": key})
                    for key, value in itertools.islice(items.items(), MAX_EXPANDED)]
        if isinstance(items, list):
            return [(f"{name}@{_name_part(value, str(index))}", body, {**context, "item": value, "key": index})
                    for index, value in enumerate(items[:MAX_EXPANDED])]
        return [(name, body, context)]  # an unresolved `${...}`: one stage, as written
    if isinstance(spec.get("matrix"), dict):
        matrix = {str(k): interpolate(v, context) for k, v in spec["matrix"].items()}
        dims = [[(dim, i, v) for i, v in enumerate(values if isinstance(values, list) else [values])]
                for dim, values in matrix.items()]
        body = {k: v for k, v in spec.items() if k != "matrix"}
        out = []
        for combo in itertools.islice(itertools.product(*dims), MAX_EXPANDED):
            key = "-".join(_name_part(v, f"{dim}{i}") for dim, i, v in combo)
            out.append((f"{name}@{key}", body, {**context, "item": {dim: v for dim, _, v in combo}, "key": key}))
        return out
    return [(name, spec, context)]


# -- paths and params ------------------------------------------------------------------------------

def _norm(base: str, path: str) -> str:
    """A dep or out as a repository path: relative to the stage's directory, without `./` or a trailing `/`."""
    return posixpath.normpath(posixpath.join(base, path.strip()) if base else path.strip() or ".")


def _paths(entries: Any) -> list[str]:
    out = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            out.append(entry)
        elif isinstance(entry, dict) and entry:
            out.append(str(next(iter(entry))))
    return out


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def link(stages: list[Stage]) -> list[Edge]:
    """B depends on A when B reads what A writes: the same path, a file inside A's output directory
    (`deps: data/prepared/train.csv` after `outs: data/prepared`), or a directory holding A's output."""
    exact: dict[str, set[str]] = {}
    inside: dict[str, set[str]] = {}  # a directory -> stages whose outputs lie below it
    for stage in stages:
        for out in stage.outputs:
            exact.setdefault(out, set()).add(stage.name)
            for parent in _ancestors(out):
                inside.setdefault(parent, set()).add(stage.name)
    edges: set[tuple[str, str]] = set()
    for stage in stages:
        for dep in stage.inputs:
            producers = set(exact.get(dep, ())) | inside.get(dep, set())
            for parent in _ancestors(dep):
                producers |= exact.get(parent, set())
            edges.update((p, stage.name) for p in producers if p != stage.name)
    return [Edge(upstream=a, downstream=b) for a, b in sorted(edges)]


class _ParamFiles:
    """Params files read once each, as data and flattened; unreadable ones are remembered, not retried."""

    def __init__(self, directory: str, read: FileReader) -> None:
        self.directory, self.read = directory, read
        self.data: dict[str, Any] = {}
        self.flat: dict[str, dict[str, str]] = {}
        self.problems: dict[str, str] = {}  # path -> why it could not be read
        self.texts: dict[str, str] = {}

    def load(self, name: str) -> Any:
        path = posixpath.normpath(posixpath.join(self.directory, name)) if self.directory else name
        if path not in self.data and path not in self.problems:
            try:
                text = self.read(path)
                self.texts[path] = text or ""
                self.data[path] = _load_params(path, text)
            except YamlLimitError as exc:
                self.problems[path], self.data[path] = exc.reason, None
            except (ValueError, yaml.YAMLError, RecursionError) as exc:  # JSONDecodeError is a ValueError
                self.problems[path], self.data[path] = f"parameters not readable ({type(exc).__name__})", None
            self.flat[path] = flatten(self.data[path])
        return self.data[path]

    def values(self, name: str, key: str | None) -> dict[str, str]:
        """`key` of params file `name` (a whole subtree when it names one); every key when None."""
        self.load(name)
        path = posixpath.normpath(posixpath.join(self.directory, name)) if self.directory else name
        flat = self.flat.get(path, {})
        if key is None:
            return dict(flat)
        return {k: v for k, v in flat.items() if k == key or k.startswith(key + ".")}


def _stage_params(entries: Any, files: _ParamFiles) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            out.update(files.values(DEFAULT_PARAMS, entry))
        elif isinstance(entry, dict):
            for name, keys in entry.items():
                if not keys:
                    out.update(files.values(str(name), None))
                for key in keys if isinstance(keys, list) else []:
                    out.update(files.values(str(name), str(key)))
    return out


def command_flags(cmd: str) -> dict[str, str]:
    """`--sampling-ratio 0.01 --epochs=3` as {"sampling_ratio": "0.01", "epochs": "3"}: values a stage fixes
    on its command line (flags without a value, and values still holding `${...}`, are left out)."""
    try:
        tokens = shlex.split(cmd, posix=True)
    except ValueError:  # an unbalanced quote
        tokens = cmd.split()
    out: dict[str, str] = {}
    for index, token in enumerate(tokens):
        if not token.startswith("--") or len(token) < 3:
            continue
        name, eq, value = token[2:].partition("=")
        if not eq:
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if not following or (following.startswith("-") and not NUMBER.fullmatch(following)):
                continue
            value = following
        if "${" not in value and len(out) < MAX_FLAGS:
            out.setdefault(name.replace("-", "_"), value)
    return out


def _vars(entries: Any, files: _ParamFiles, into: dict[str, Any]) -> None:
    """`vars:` entries: inline mappings, and files (`config.yaml`, `config.yaml:train,eval` for some keys)."""
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            _merge(into, entry)
        elif isinstance(entry, str):
            name, _, keys = entry.partition(":")
            loaded = files.load(name)
            if keys and isinstance(loaded, dict):
                loaded = {k: loaded[k] for k in keys.split(",") if k in loaded}
            _merge(into, loaded)


# -- the reader ------------------------------------------------------------------------------------

def read_dvc_pipeline(path: str, text: str, where: Literal["head", "base", "deployed"],
                      read: FileReader | None = None) -> tuple[PipelineGraph, dict[str, str]]:
    """The expanded stages of a dvc.yaml, the edges their outs and deps make, and their parameters.

    Returns the graph and the params files that could not be read, with why (the stages still count).
    """
    data = load_yaml(text, path) or {}
    stages_data = data.get("stages") if isinstance(data, dict) else None
    if not isinstance(stages_data, dict):
        raise ValueError("no stages mapping")
    directory = posixpath.dirname(path)
    files = _ParamFiles(directory, read or (lambda _p: None))
    context: dict[str, Any] = {}
    _merge(context, files.load(DEFAULT_PARAMS))  # DVC reads params.yaml as vars whether listed or not
    _vars(data.get("vars"), files, context)
    for entry in data.get("params") or [] if isinstance(data.get("params"), list) else []:
        if isinstance(entry, str):  # DVC 3: params files listed at the top are the pipeline's parameters too
            files.load(entry)
    lines = text.splitlines()
    stages: list[Stage] = []
    for name, spec in stages_data.items():
        line = next((n for n, ln in enumerate(lines, 1) if ln.strip().startswith(f"{name}:")), None)
        local = context
        if isinstance(spec, dict) and isinstance(spec.get("vars"), list):  # stage-level vars
            local = copy.deepcopy(context)
            _vars(spec["vars"], files, local)
        for stage_name, body, stage_context in expand(str(name), spec, local):
            if len(stages) >= MAX_EXPANDED:
                break
            used: set[str] = set()
            resolved = interpolate(body, stage_context, used)
            if not isinstance(resolved, dict):
                resolved = {}
            wdir = _norm(directory, str(resolved.get("wdir") or "."))
            wdir = "" if wdir == "." else wdir
            cmd = resolved.get("cmd")
            cmd_text = " && ".join(map(str, cmd)) if isinstance(cmd, list) else str(cmd or "")
            params = _stage_params(resolved.get("params"), files)
            for flag, value in command_flags(cmd_text).items():  # `--sampling-ratio 0.01` fixes a value too
                params.setdefault(flag, value)
            for var in used:  # interpolated parameters are dependencies too, as DVC tracks them
                root = var.split(".")[0].split("[")[0]
                if root not in ("item", "key"):
                    params.update(files.values(DEFAULT_PARAMS, var))
            outs = [_norm(wdir, p) for key in ("outs", "metrics", "plots") for p in _paths(resolved.get(key))]
            stages.append(Stage(
                name=stage_name, group=str(name) if stage_name != name else None, kind=cmd_text[:200],
                params=params, inputs=[_norm(wdir, p) for p in _paths(resolved.get("deps"))], outputs=outs,
                locator=file_locator(path, line)))
    graph = PipelineGraph(name=path, where=where, format="dvc", source=path, stages=stages, edges=link(stages))
    default = posixpath.normpath(posixpath.join(directory, DEFAULT_PARAMS)) if directory else DEFAULT_PARAMS
    graph.params = dict(files.flat.get(default, {}))
    for flat in files.flat.values():  # other params files the stages name
        for key, value in flat.items():
            graph.params.setdefault(key, value)
    for file, flat in sorted(files.flat.items(), key=lambda item: item[0] != default):
        for key in flat:
            if key not in graph.param_locators and len(graph.param_locators) < MAX_PARAMS:
                graph.param_locators[key] = file_locator(file, key_line(files.texts.get(file, ""), key))
    return graph, dict(files.problems)
