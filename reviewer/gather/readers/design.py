"""Design docs: planned stages and order (mermaid, text diagrams, stage tables, step lists, sequencing
prose) and parameters. A doc is found by where it is (the configured paths, a link in the PR body) or by
what it holds: a pipeline graph, a stage table, a step list under a pipeline heading, a parameter table.
"""

from __future__ import annotations

import itertools
import re

from custody.reviewer.gather.readers.design_graphs import (
    DrawnGraph,
    parse_bitshift,
    parse_mermaid,
    parse_stages_yaml,
    parse_text_diagram,
)
from custody.reviewer.gather.readers.design_params import argument_default_lines, params_from_stage_prose, read_params
from custody.reviewer.gather.readers.design_stages import (
    PIPELINE_WORDS,
    Found,
    edges_from_prose,
    mentions,
    stages_from_lists,
    stages_from_table,
)
from custody.reviewer.gather.readers.markdown_blocks import is_markdown, parse_blocks
from custody.reviewer.gather.snapshot import Snapshot, matching, read_text
from custody.reviewer.gather.stage_names import looks_like_stage_id
from custody.reviewer.model.evidence.common import Skipped, file_locator
from custody.reviewer.model.evidence.design import DesignDoc, PlannedEdge, PlannedParam, PlannedStage

MAX_DOC_BYTES = 512 * 1024
MAX_CANDIDATES = 400  # Markdown files looked at for design content, beyond the configured paths
MIN_DOCUMENTED_DEFAULTS = 2  # a list of arguments with their defaults fixes the shipped parameters
ARROW = re.compile(r"\s*(?:→|->|-->|=>|⟶)\s*")
NAME = re.compile(r"^`?(?P<name>[A-Za-z_][\w<>{}$-]*)`?$")
NOT_DESIGN = re.compile(r"(^|/)(CHANGELOG|CHANGES|HISTORY|LICENSE|LICENCE|CODE_OF_CONDUCT|CONTRIBUTING|SECURITY|"
                        r"AUTHORS|NOTICE)[^/]*$|(^|/)(node_modules|vendor|third_party|site-packages|\.venv|venv|"
                        r"\.github|\.tox|build|dist|data|reports|outputs|results|runs|mlruns|logs)/", re.IGNORECASE)
DESIGN_PATH = re.compile(r"(^|/)(docs?/)?(design|designs|adr|adrs|decisions|rfc|rfcs|specs?|architecture)(/|[-_.])",
                         re.IGNORECASE)
# "Status: Superseded by ADR-12", "* Status: rejected", "| Status | Deprecated |", "status: withdrawn"
RETIRED = re.compile(r"^[\s>*|-]*\**status\**\s*[:|]\s*\**\s*(?P<status>superseded|rejected|deprecated|withdrawn|"
                     r"abandoned|obsolete|replaced)\b", re.IGNORECASE | re.MULTILINE)
ALTERNATIVES = re.compile(r"\s+(?:/|\||or)\s+|\s*,\s*")


def _node_stage(node_id: str, label: str | None) -> tuple[str, list[str]]:
    """A mermaid node's stage name and aliases: its label when the label is one name, else its id."""
    if not label:
        return node_id, []
    bare = re.sub(r"\([^)]*\)", " ", label).strip(" `")
    bare = re.sub(r"\s+", " ", bare)
    braces = re.findall(r"\{[^{}]*\}", bare)
    masked = re.sub(r"\{[^{}]*\}", "\x00", bare)  # `{a,b}_agg` is one name, not a list
    parts = []
    for part in ALTERNATIVES.split(masked):
        while "\x00" in part and braces:
            part = part.replace("\x00", braces.pop(0), 1)
        if part.strip(" `"):
            parts.append(part.strip(" `"))
    aliases = [node_id, *[p for p in parts if p != node_id]]
    single = len(parts) == 1 and (looks_like_stage_id(parts[0]) or len(parts[0].split()) <= 6)
    return (parts[0], [a for a in aliases if a != parts[0]]) if single else (node_id, aliases[1:])


def _add_drawn(graph: DrawnGraph, found: Found) -> None:
    names = {node: _node_stage(node, graph.labels.get(node)) for node in graph.lines}
    for node, line in graph.lines.items():
        name, aliases = names[node]
        # A decision (rhombus) may be a condition rather than a task: planned only softly.
        found.stage(name, line, aliases, "listed" if node in graph.decisions else "planned")
    for a, b, line in graph.edges:
        found.edge(names[a][0], names[b][0], line)
        if b in graph.decisions:  # the order a condition passes on: tune --> gate{ok?} --> deploy
            for _, c, _ in (e for e in graph.edges if e[0] == b):
                found.edge(names[a][0], names[c][0], line)


def _chains(lines: list[str], found: Found) -> int:
    """`a -> b -> c` on a line of its own (optionally after "Order:"), outside code blocks."""
    count = 0
    for number, line in enumerate(lines, start=1):
        body = line.split(":", 1)[1] if line.lower().startswith(("order:", "pipeline:", "flow:")) else line
        parts = ARROW.split(body.strip(" -*"))
        names = [NAME.match(p.strip(" .,;")) for p in parts]
        if len(parts) >= 2 and all(names):
            chain = [n["name"] for n in names if n]
            for a, b in itertools.pairwise(chain):
                found.edge(a, b, number)
            count += 1
    return count


def read_design_doc(path: str, text: str) -> DesignDoc:
    lines = text.splitlines()
    title = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("#")), "")
    doc = DesignDoc(path=path, text=text, title=title)
    blocks = parse_blocks(text)
    found = Found()
    signals: list[str] = []
    fenced: set[int] = set()
    for fence in blocks.fences:
        fenced.update(range(fence.first_line - 1, fence.first_line + len(fence.lines) + 1))
        heading = fence.section.rsplit(" / ", 1)[-1]
        if fence.lang == "mermaid":
            graph = parse_mermaid(fence.lines, fence.first_line)
            if graph is not None and graph.edges:
                _add_drawn(graph, found)
                signals.append(f"mermaid graph at line {fence.first_line}")
        if fence.lang in ("yaml", "yml") and any(ln.startswith("stages:") for ln in fence.lines):
            graph = parse_stages_yaml(fence.lines, fence.first_line)
            if len(graph.lines) >= 2:
                _add_drawn(graph, found)
                signals.append(f"planned dvc.yaml at line {fence.first_line}")
        if fence.lang in ("python", "py", ""):
            graph = parse_bitshift(fence.lines, fence.first_line)
            if graph.edges:
                _add_drawn(graph, found)
                signals.append(f"task dependencies at line {fence.first_line}")
        if fence.lang in ("", "text", "txt", "ascii", "plain", "plaintext"):
            pipeline_section = bool(PIPELINE_WORDS.search(heading))
            graph = parse_text_diagram(fence.lines, fence.first_line, multiword=pipeline_section)
            if graph.edges and (pipeline_section or len(graph.lines) >= 3):
                _add_drawn(graph, found)
                signals.append(f"pipeline diagram at line {fence.first_line}")
    if _chains([ln if i not in fenced else "" for i, ln in enumerate(lines, start=1)], found):
        signals.append("stage chain")
    for table in blocks.tables:
        if stages_from_table(table, found):
            signals.append(f"stage table at line {table.rows[0][0] - 2}")
    if stages_from_lists(blocks, found):
        signals.append("stage list under a pipeline heading")
    edges_from_prose(blocks, found)
    params = read_params(blocks, text)
    param_lines = {p[2] for p in params}
    if any(line in param_lines for t in blocks.tables for line, _ in t.rows):
        signals.append("parameter table")
    if any(line in range(f.first_line, f.first_line + len(f.lines)) for f in blocks.fences for line in param_lines):
        signals.append("parameter block")
    documented = argument_default_lines(text)
    if len(documented) >= MIN_DOCUMENTED_DEFAULTS:  # "- `n-trees`: number of trees; default `100`", ...
        signals.append(f"argument defaults at line {documented[0]}")
    found = found.merged()
    for name, (line, aliases, strength) in found.stages.items():
        doc.stages.append(PlannedStage(name=name, locator=file_locator(path, line), aliases=aliases,
                                       strength=strength))
    doc.edges = [PlannedEdge(upstream=a, downstream=b, locator=file_locator(path, line)) for a, b, line in found.edges]
    doc.params = [PlannedParam(key=k, value=v, locator=file_locator(path, line)) for k, v, line in params]
    stage_lines = {line for line, _, _ in found.stages.values()}
    doc.params += [PlannedParam(key=k, value=v, locator=file_locator(path, line), approximate=True)
                   for k, v, line in params_from_stage_prose(blocks, stage_lines)]
    planned = {s.name for s in doc.stages}
    first: dict[str, int] = {}
    for name, line in mentions(text, blocks):
        first.setdefault(name, line)
    doc.mentions = [PlannedStage(name=n, locator=file_locator(path, line), strength="mentioned")
                    for n, line in first.items() if n not in planned]
    doc.signals = signals
    return doc


def is_design_doc(doc: DesignDoc) -> bool:
    """Content that plans a pipeline or fixes its parameters, not just prose with code spans."""
    return bool(doc.signals)


def read_design_docs(
    snapshot: Snapshot, patterns: list[str], linked: list[str]
) -> tuple[list[DesignDoc], list[Skipped]]:
    docs: list[DesignDoc] = []
    problems: list[Skipped] = []
    markdown = [p for p in snapshot.paths() if is_markdown(p)]
    configured = set(matching(markdown, patterns)) | set(linked)
    others = [p for p in markdown if p not in configured and not NOT_DESIGN.search(p)]
    others.sort(key=lambda p: (not DESIGN_PATH.search(p), p.count("/"), p))
    for path in dict.fromkeys([*sorted(configured), *others[:MAX_CANDIDATES]]):
        text = read_text(snapshot, path, MAX_DOC_BYTES)
        if text is None:
            if path in configured:
                problems.append(Skipped(what=path, why="design doc too large or not UTF-8 text"))
            continue
        doc = read_design_doc(path, text)
        retired = RETIRED.search(text[:3000])
        if retired:  # an ADR or RFC that no longer holds plans nothing
            problems.append(Skipped(what=path, why=f"design doc marked {retired.group('status').lower()}"))
            continue
        if path in configured:
            doc.signals.insert(0, "configured design path" if path not in linked else "linked from the PR body")
            docs.append(doc)
        elif is_design_doc(doc) or (DESIGN_PATH.search(path) and (doc.params or doc.stages)):
            if DESIGN_PATH.search(path):
                doc.signals.insert(0, "design doc path")
            docs.append(doc)
    return docs, problems
