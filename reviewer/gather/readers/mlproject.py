"""MLflow Projects: an `MLproject` file's entry points are the stages, each with its command and the
parameters it declares; a declared default is a shipped parameter (`main.alpha` = 0.5), the value a
`mlflow run` gets unless the caller passes `-P alpha=...`."""

from __future__ import annotations

import re
from typing import Literal

import yaml
from custody.reviewer.gather.readers.safe_yaml import load_yaml_node
from custody.reviewer.model.evidence.pipeline import PipelineGraph, Stage

# `{alpha}` in a command; `{{` is a literal brace for str.format, which is how MLflow fills it.
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][\w-]*)\}(?!\})")


def is_mlproject(path: str) -> bool:
    return path.rsplit("/", 1)[-1].lower() == "mlproject"


def _mapping(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A YAML mapping node's scalar keys, with each key's node (for its line) and its value node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def read_mlproject(path: str, text: str, where: Literal["head", "base"]) -> PipelineGraph:
    """The project's entry points as stages (kind = the command; params = every declared parameter, with
    its default or "" when it has none) and the declared defaults as graph parameters `entry.param`."""
    data, root = load_yaml_node(text, path)
    if not isinstance(data, dict):
        raise ValueError("an MLproject file is a mapping")
    name = str(data.get("name") or path)
    graph = PipelineGraph(name=name, where=where, format="mlflow_project", source=path)
    entries = _mapping(root).get("entry_points")
    for entry, (key_node, spec_node) in _mapping(entries[1] if entries else None).items():
        spec = _mapping(spec_node)
        command = spec.get("command")
        declared: dict[str, str] = {}
        parameters = spec.get("parameters")
        for param, (param_key, value_node) in _mapping(parameters[1] if parameters else None).items():
            default = _mapping(value_node).get("default")
            value = default[1].value if default and isinstance(default[1], yaml.ScalarNode) else None
            declared[param] = "" if value is None or value == "" else str(value)
            if declared[param]:
                graph.params[f"{entry}.{param}"] = declared[param]
                graph.param_locators[f"{entry}.{param}"] = f"{path}#L{param_key.start_mark.line + 1}"
        graph.stages.append(Stage(
            name=entry, kind=str(command[1].value) if command and isinstance(command[1], yaml.ScalarNode) else None,
            params=declared, locator=f"{path}#L{key_node.start_mark.line + 1}"))
    return graph


def undeclared_placeholders(stage: Stage) -> list[str]:
    """Placeholders of an entry point's command that name no declared parameter: MLflow fills the command
    with `str.format` over the declared parameters only, so each of them fails every run with a KeyError."""
    found = PLACEHOLDER.findall(stage.kind or "")
    return [p for p in dict.fromkeys(found) if p not in stage.params]
