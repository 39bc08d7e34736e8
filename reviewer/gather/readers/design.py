"""Design docs: planned stages and order (mermaid, arrow chains, stage lists and tables) and parameters."""

from __future__ import annotations

import itertools
import re

from custody.reviewer.gather.snapshot import Snapshot, matching, read_text
from custody.reviewer.model.evidence.common import Skipped, file_locator
from custody.reviewer.model.evidence.design import DesignDoc, PlannedEdge, PlannedParam, PlannedStage

MAX_DOC_BYTES = 512 * 1024
MERMAID = re.compile(r"```mermaid\s*\n(?P<body>.*?)```", re.DOTALL)
MERMAID_EDGE = re.compile(r"(?P<a>[\w-]+)(?:\s*[\[({][^\])}]*[\])}])?\s*-{1,2}[.-]?>\s*(?:\|[^|]*\|\s*)?(?P<b>[\w-]+)")
ARROW = re.compile(r"\s*(?:→|->|-->|=>|⟶)\s*")
NAME = re.compile(r"^`?(?P<name>[A-Za-z_][\w-]*)`?$")
ORDERED_STAGE = re.compile(r"^\s{0,3}\d{1,2}[.)]\s+`(?P<name>[A-Za-z_][\w-]*)`")
TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.+)\|\s*$")
STAGE_HEADERS = {"stage", "stages", "task", "tasks", "step", "steps", "task_id", "node", "component"}
PARAM_HEADERS = {"parameter", "parameters", "param", "key", "setting", "threshold"}
# `evaluate.max_site_mape` (0.25), `key` = 0.3, `key`: 0.3
INLINE_PARAM = re.compile(
    r"`(?P<key>[A-Za-z_][\w]*(?:\.[\w]+)+)`\s*(?:\((?P<paren>[-\d.]+%?)\)|[:=]\s*`?(?P<value>[-\w.%]+)`?)"
)


def _cells(line: str) -> list[str] | None:
    match = TABLE_ROW.match(line)
    return [c.strip() for c in match["cells"].split("|")] if match else None


def read_design_doc(path: str, text: str) -> DesignDoc:
    lines = text.splitlines()
    title = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("#")), "")
    doc = DesignDoc(path=path, text=text, title=title)
    stages: dict[str, PlannedStage] = {}
    edges: dict[tuple[str, str], PlannedEdge] = {}

    def stage(name: str, line: int) -> None:
        stages.setdefault(name, PlannedStage(name=name, locator=file_locator(path, line)))

    def edge(a: str, b: str, line: int) -> None:
        stage(a, line)
        stage(b, line)
        edges.setdefault((a, b), PlannedEdge(upstream=a, downstream=b, locator=file_locator(path, line)))

    for block in MERMAID.finditer(text):
        first = text[: block.start()].count("\n") + 2
        for offset, line in enumerate(block["body"].splitlines()):
            for match in MERMAID_EDGE.finditer(line):
                edge(match["a"], match["b"], first + offset)
    mermaid_lines = {n for b in MERMAID.finditer(text) for n in range(text[: b.start()].count("\n") + 1,
                                                                      text[: b.end()].count("\n") + 2)}
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if number in mermaid_lines:
            continue
        cells = _cells(line)
        if cells is not None:
            lowered = [c.lower().strip("*` ") for c in cells]
            if header is None:
                header = lowered
                continue
            if all(set(c) <= set("-: ") for c in cells):
                continue
            if header and header[0] in STAGE_HEADERS:
                name = NAME.match(cells[0])
                if name:
                    stage(name["name"], number)
            elif header and header[0] in PARAM_HEADERS and len(cells) >= 2:
                key, value = cells[0].strip("` "), cells[1].strip("` ")
                if key and value:
                    doc.params.append(PlannedParam(key=key, value=value, locator=file_locator(path, number)))
            continue
        header = None
        ordered = ORDERED_STAGE.match(line)
        if ordered:
            stage(ordered["name"], number)
        parts = ARROW.split(line.split(":", 1)[1] if line.lower().startswith(("order:", "pipeline:", "flow:"))
                            else line)
        names = [NAME.match(p.strip(" .,;")) for p in parts]
        if len(parts) >= 2 and all(names):
            chain = [n["name"] for n in names if n]
            for a, b in itertools.pairwise(chain):
                edge(a, b, number)
        for match in INLINE_PARAM.finditer(line):
            value = match["paren"] or match["value"]
            if value and not any(p.key == match["key"] for p in doc.params):
                doc.params.append(PlannedParam(key=match["key"], value=value, locator=file_locator(path, number)))
    # An ordered stage list with no explicit edges plans its order.
    listed = [s for s in stages.values()]
    if not edges and len(listed) > 1 and any(ORDERED_STAGE.match(ln) for ln in lines):
        ordered_names = [m["name"] for ln in lines if (m := ORDERED_STAGE.match(ln))]
        for a, b in itertools.pairwise(ordered_names):
            edge(a, b, int(stages[b].locator.rpartition("#L")[2] or 0))
    doc.stages = list(stages.values())
    doc.edges = list(edges.values())
    return doc


def read_design_docs(
    snapshot: Snapshot, patterns: list[str], linked: list[str]
) -> tuple[list[DesignDoc], list[Skipped]]:
    docs: list[DesignDoc] = []
    problems: list[Skipped] = []
    paths = [p for p in matching(snapshot.paths(), patterns) if p.endswith((".md", ".markdown"))]
    for path in dict.fromkeys([*paths, *linked]):
        text = read_text(snapshot, path, MAX_DOC_BYTES)
        if text is None:
            problems.append(Skipped(what=path, why="design doc too large or not UTF-8 text"))
            continue
        docs.append(read_design_doc(path, text))
    return docs, problems
