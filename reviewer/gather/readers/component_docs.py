"""Kubeflow Pipelines component specs (`component.yaml`, the v1 format that `load_component_from_file`
reads: `name`, `inputs`, `outputs`, `implementation`) and the README beside each, whose argument table
documents what a pipeline passes the component.

A pipeline written from the README passes the component its documented names; the SDK refuses a name
the spec does not declare. So a README row naming no input or output of the spec is drift, and it is
reported only where the PR makes it: a row it writes, or an input it takes out of the spec while the
README keeps it. The README documents the spec only when its table names mostly the spec's own inputs
and outputs (two at least), so a table of something else (a dict's keys, another tool's flags) is not
read as the component's.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from custody.reviewer.gather.readers.markdown_blocks import parse_blocks
from custody.reviewer.gather.readers.safe_yaml import load_yaml
from custody.reviewer.model.evidence.design import ComponentDocArgument
from custody.reviewer.model.evidence.diff import FileChange

SPEC_NAMES = ("component.yaml", "component.yml")
DOC_NAMES = ("README.md", "readme.md", "Readme.md")
# The first column's header of a table that lists a component's arguments or outputs.
ARGUMENT_HEADER = re.compile(r"^(argument|arg|name|parameter|param|input|output)s?(\s+name)?$", re.IGNORECASE)
DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,79}$")
MIN_MATCHED = 2  # rows naming the spec's inputs or outputs before a table counts as documenting it


@dataclass
class ComponentSpec:
    path: str
    name: str
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    def names(self) -> set[str]:
        return {kfp_name(n) for n in self.inputs + self.outputs}


def kfp_name(name: str) -> str:
    """The name as the KFP SDK exposes it to a pipeline: "Model Name" and `model-name` are `model_name`."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _names(entries: Any) -> list[str] | None:
    if entries is None:
        return []
    if not isinstance(entries, list):
        return None
    names = [e.get("name") for e in entries if isinstance(e, dict)]
    return [n for n in names if isinstance(n, str)] if len(names) == len(entries) else None


def read_component_spec(path: str, text: str) -> ComponentSpec | None:
    """A v1 component spec: a mapping with a `name`, an `implementation` (a container or a graph) and
    lists of named inputs and outputs; None for anything else (a compiled pipeline, a Kubernetes object)."""
    try:
        data = load_yaml(text, path)
    except Exception:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return None
    implementation = data.get("implementation")
    if not isinstance(implementation, dict) or not ({"container", "graph"} & set(implementation)):
        return None
    inputs, outputs = _names(data.get("inputs")), _names(data.get("outputs"))
    if inputs is None or outputs is None or not inputs + outputs:
        return None
    return ComponentSpec(path=path, name=data["name"], inputs=inputs, outputs=outputs)


def _cell_name(cell: str) -> str | None:
    text = cell.strip().strip("`*_").strip()
    return text if IDENTIFIER.match(text) else None


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def pipe_tables(text: str) -> list[tuple[list[str], list[tuple[int, list[str]]]]]:
    """GitHub's pipe tables, with or without the outer pipes (`Argument | Description` over `:--- | :---`):
    a header row, a delimiter row, then the rows up to the first line without a pipe; none inside code."""
    lines = text.splitlines()
    fenced = parse_blocks(text).fenced_lines()
    tables: list[tuple[list[str], list[tuple[int, list[str]]]]] = []
    index = 1
    while index < len(lines):
        number = index + 1  # the delimiter row's line number
        header = lines[index - 1]
        if number in fenced or "|" not in header or not DELIMITER.match(lines[index]):
            index += 1
            continue
        rows: list[tuple[int, list[str]]] = []
        index += 1
        while index < len(lines) and "|" in lines[index] and lines[index].strip() and index + 1 not in fenced:
            rows.append((index + 1, _cells(lines[index])))
            index += 1
        tables.append((_cells(header), rows))
    return tables


def _argument_rows(header: list[str], rows: list[tuple[int, list[str]]]) -> list[tuple[int, str]]:
    if not header or not ARGUMENT_HEADER.match(header[0].strip().strip("`*_").strip()):
        return []
    named = [(line, _cell_name(cells[0])) for line, cells in rows if cells]
    return [(line, name) for line, name in named if name]


def undeclared_rows(doc_text: str, spec: ComponentSpec) -> list[tuple[int, str]]:
    """The argument-table rows of the README that name neither an input nor an output of the spec, from
    the tables that document it (most rows, and two at least, name the spec's own inputs or outputs)."""
    known = spec.names()
    out: list[tuple[int, str]] = []
    for header, table_rows in pipe_tables(doc_text):
        rows = _argument_rows(header, table_rows)
        matched = sum(kfp_name(name) in known for _, name in rows)
        if matched < MIN_MATCHED or 2 * matched < len(rows):
            continue
        out += [(line, name) for line, name in rows if kfp_name(name) not in known]
    return out


def _pair(directory: str, read: Callable[[str], str | None]) -> tuple[ComponentSpec | None, str | None, str | None]:
    """The component spec of a folder, and its README's path and text."""
    spec = None
    for name in SPEC_NAMES:
        path = posixpath.join(directory, name)
        text = read(path)
        if text is not None:
            spec = read_component_spec(path, text)
            break
    for name in DOC_NAMES:
        path = posixpath.join(directory, name)
        text = read(path)
        if text is not None:
            return spec, path, text
    return spec, None, None


def component_doc_arguments(changes: list[FileChange], read_head: Callable[[str], str | None],
                            read_base: Callable[[str], str | None]) -> list[ComponentDocArgument]:
    """README rows naming what the component spec beside them lacks, for the folders whose spec or README
    the PR changes; a row already undeclared at the base (the same README, the base's spec) is not the PR's."""
    folders: dict[str, str] = {}  # head folder -> the folder it was at the base (a moved component)
    for f in changes:
        if f.status != "deleted" and not f.binary and posixpath.basename(f.path) in SPEC_NAMES + DOC_NAMES:
            folder = posixpath.dirname(f.path)
            moved = posixpath.dirname(f.old_path) if f.old_path else folder
            folders[folder] = moved if folders.get(folder, folder) == folder else folders[folder]
    out: list[ComponentDocArgument] = []
    for folder, base_folder in sorted(folders.items()):
        spec, doc, text = _pair(folder, read_head)
        if spec is None or doc is None or text is None:
            continue
        drift = undeclared_rows(text, spec)
        if not drift:
            continue
        base_spec, _, base_text = _pair(base_folder, read_base)
        before = {kfp_name(n) for _, n in undeclared_rows(base_text, base_spec)} if base_spec and base_text else set()
        base_names = base_spec.names() if base_spec else set()
        seen: set[str] = set()
        for line, name in drift:
            key = kfp_name(name)
            if key in before or key in seen:
                continue
            seen.add(key)
            out.append(ComponentDocArgument(doc=doc, line=line, name=name, spec=spec.path, component=spec.name,
                                            inputs=spec.inputs, outputs=spec.outputs, removed=key in base_names))
    return out
