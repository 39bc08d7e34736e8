"""Pipeline graphs drawn in design docs: mermaid flowcharts and plain-text arrow diagrams.

Mermaid: opaque ids with labels (`a1[load_orders]`, `a1(label)`, `a1{{label}}`, `a1[(label)]`,
`a1(["label"])`), edge text (`-->|on success|`, `-- text -->`), `A & B --> C`, chains
`a --> b --> c`, subgraphs (an edge to a subgraph reaches each node in it), and bare ids whose label
is declared elsewhere in the chart. Text diagrams: `a -> b -> c` chains and indented trees
(`prepare` / `  -> infer` / `    -> predict`).
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.stage_names import looks_like_stage_id

NODE_ID = re.compile(r"[A-Za-z0-9_\u00c0-\uffff](?:[\w\u00c0-\uffff]|-(?=[\w\u00c0-\uffff]))*")
# Node shapes, longest openers first. Each pair is (opener, closer).
SHAPES = [("(((", ")))"), ("([", "])"), ("[[", "]]"), ("[(", ")]"), ("((", "))"), ("{{", "}}"),
          ("[/", "/]"), ("[\\", "\\]"), ("[/", "\\]"), ("[\\", "/]"), ("[", "]"), ("(", ")"), ("{", "}"),
          (">", "]")]
LINK = re.compile(r"\s*(?P<link><?(?:-{2,}|={2,}|-\.+-)>?|~~~)\s*(?:\|(?P<text>[^|]*)\|)?\s*")
TEXT_LINK = re.compile(r"(?P<open>--|==|-\.)\s+(?P<text>[^-=.>|][^|]*?)\s+(?P<close>-{2,}>|={2,}>|\.->|-{3,}|={3,})")
SKIP = re.compile(r"^\s*(?:%%|classDef\b|class\b|style\b|linkStyle\b|click\b|direction\b|accTitle|accDescr|title\b)")
HEADER = re.compile(r"^\s*(?:graph|flowchart)(?:\s+\w+)?\s*;?\s*$", re.IGNORECASE)
STATE_HEADER = re.compile(r"^\s*stateDiagram(?:-v2)?\s*$")
ARROWS = re.compile(r"\s*(?:-{1,2}>|=>|→|⟶|⇒|──>|─>)\s*")
TREE_ARROW = re.compile(r"^(?P<indent>\s*)(?:-{1,2}>|=>|→|⟶|└──>?|├──>?|\|--|`--)\s*(?P<rest>.+)$")
PARENS = re.compile(r"\([^()]*\)")
COMMENT = re.compile(r"\s(?:#|//)\s.*$")


@dataclass
class DrawnGraph:
    """Nodes by id (with their label, if any) and edges by id, in the order first seen."""
    labels: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # node id -> line number first seen
    edges: list[tuple[str, str, int]] = field(default_factory=list)
    decisions: set[str] = field(default_factory=set)  # rhombus nodes: a condition, maybe not a task

    def node(self, node_id: str, line: int, label: str | None = None) -> None:
        self.lines.setdefault(node_id, line)
        if label and not self.labels.get(node_id):
            self.labels[node_id] = label


def clean_label(raw: str) -> str:
    text = html.unescape(raw.replace("#quot;", '"').replace("#lt;", "<").replace("#gt;", ">"))
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = text.strip().strip('"').strip("'").strip("`").strip()
    return re.sub(r"\s+", " ", text)


def _node(text: str, pos: int) -> tuple[str, str | None, int] | None:
    """(id, label or None, end position) of the node at text[pos:], or None. A rhombus label comes back
    prefixed with "?" (a decision)."""
    match = NODE_ID.match(text, pos)
    if not match:
        return None
    node_id, end = match.group(), match.end()
    if text.startswith("@{", end):  # mermaid 11 shape syntax: id@{ shape: rect, label: "x" }
        close = text.find("}", end)
        if close < 0:
            return node_id, None, len(text)
        label = re.search(r"label\s*:\s*\"([^\"]*)\"|label\s*:\s*([^,}]+)", text[end:close])
        return node_id, clean_label(next(g for g in label.groups() if g)) if label else None, close + 1
    for opener, closer in SHAPES:
        if text.startswith(opener, end):
            start = end + len(opener)
            if text.startswith('"', start):  # a quoted label may hold the closer
                quote_end = text.find('"', start + 1)
                close = text.find(closer, quote_end + 1 if quote_end > 0 else start)
            else:
                close = text.find(closer, start)
            if close < 0:
                return None
            shown = clean_label(text[start:close])
            return node_id, ("?" + shown) if opener == "{" else shown, close + len(closer)
    return node_id, None, end


def _group(text: str, pos: int) -> tuple[list[tuple[str, str | None]], int] | None:
    nodes: list[tuple[str, str | None]] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        found = _node(text, pos)
        if found is None:
            return (nodes, pos) if nodes else None
        node_id, label, pos = found
        nodes.append((node_id, label))
        amp = re.compile(r"\s*&\s*").match(text, pos)
        if not amp:
            return nodes, pos
        pos = amp.end()


def parse_mermaid(lines: list[str], first_line: int) -> DrawnGraph | None:
    """A flowchart (or state diagram) as nodes and edges; None for other mermaid diagrams."""
    body = [ln for ln in lines if ln.strip()]
    if not body or not (HEADER.match(body[0]) or STATE_HEADER.match(body[0])
                        or re.match(r"^\s*(?:graph|flowchart)\b", body[0], re.IGNORECASE)):
        return None
    graph = DrawnGraph()
    subgraphs: list[tuple[str, list[str]]] = []
    members: dict[str, list[str]] = {}
    state = bool(STATE_HEADER.match(body[0]))
    for offset, raw in enumerate(lines):
        number = first_line + offset
        if offset == lines.index(body[0]):
            continue
        for statement in re.split(r";(?=\s|$)", html.unescape(raw)):
            text = statement.rstrip()
            if not text.strip() or SKIP.match(text):
                continue
            sub = re.match(r"^\s*subgraph\s+(?P<rest>.+)$", text)
            if sub:
                found = _node(sub["rest"], 0)
                sub_id = found[0] if found else sub["rest"].strip()
                if found and found[1]:
                    graph.labels.setdefault(sub_id, found[1].lstrip("?"))
                subgraphs.append((sub_id, []))
                members.setdefault(sub_id, [])
                continue
            if re.match(r"^\s*end\s*$", text):
                if subgraphs:
                    subgraphs.pop()
                continue
            if state:
                text = re.sub(r"\s:\s.*$", "", text).replace("[*]", "")
            text = TEXT_LINK.sub(lambda m: f"{m['close'] if m['close'].endswith('>') else '-->'}|{m['text']}|",
                                 text)
            _statement(text, number, graph, subgraphs, members)
    _expand_subgraphs(graph, members)
    return graph


def _statement(text: str, number: int, graph: DrawnGraph, subgraphs: list[tuple[str, list[str]]],
               members: dict[str, list[str]]) -> None:
    parsed = _group(text, 0)
    if parsed is None:
        return
    previous, pos = parsed
    for node_id, label in previous:
        _declare(graph, node_id, label, number, subgraphs, members)
    while pos < len(text):
        link = LINK.match(text, pos)
        if not link:
            return
        parsed = _group(text, link.end())
        if parsed is None:
            return
        current, pos = parsed
        for node_id, label in current:
            _declare(graph, node_id, label, number, subgraphs, members)
        if link["link"] != "~~~":  # an invisible link only places nodes, it plans no order
            for a, _ in previous:
                for b, _ in current:
                    if link["link"].startswith("<") and not link["link"].endswith(">"):
                        graph.edges.append((b, a, number))
                    else:
                        graph.edges.append((a, b, number))
        previous = current


def _declare(graph: DrawnGraph, node_id: str, label: str | None, number: int,
             subgraphs: list[tuple[str, list[str]]], members: dict[str, list[str]]) -> None:
    if node_id in members:
        return  # a subgraph, not a node
    if label and label.startswith("?"):
        graph.decisions.add(node_id)
        label = label[1:]
    graph.node(node_id, number, label)
    if subgraphs and node_id not in members[subgraphs[-1][0]]:
        for sub_id, _ in subgraphs:
            members[sub_id].append(node_id)


def _expand_subgraphs(graph: DrawnGraph, members: dict[str, list[str]]) -> None:
    expanded: list[tuple[str, str, int]] = []
    for a, b, line in graph.edges:
        for x in members.get(a) or [a]:
            for y in members.get(b) or [b]:
                if x != y:
                    expanded.append((x, y, line))
    graph.edges = expanded
    for sub_id in members:
        graph.labels.pop(sub_id, None)
        graph.lines.pop(sub_id, None)


def _text_token(raw: str, *, multiword: bool) -> str | None:
    token = PARENS.sub(" ", PARENS.sub(" ", raw)).strip(" .,;:`*[]")
    token = re.sub(r"\s+", " ", token.replace("`", ""))
    if not token:
        return None
    if looks_like_stage_id(token):
        return token
    words = token.split(" ")
    if multiword and 1 < len(words) <= 5 and all(re.match(r"^[\w<>{}$-]+$", w) for w in words):
        return token
    return None


def parse_text_diagram(lines: list[str], first_line: int, *, multiword: bool) -> DrawnGraph:
    """Arrow chains and indented arrow trees in a plain code block. A chain whose parts are not all
    stage names (a prose architecture sketch: `raw sequence -> 224x224 patches`) plans nothing."""
    graph = DrawnGraph()
    stack: list[tuple[int, str]] = []
    for offset, raw in enumerate(lines):
        number = first_line + offset
        line = COMMENT.sub("", raw.rstrip())
        line = PARENS.sub(" ", PARENS.sub(" ", line))
        if not line.strip():
            continue
        tree = TREE_ARROW.match(line)
        indent = len(tree["indent"].expandtabs(4)) if tree else len(line) - len(line.lstrip())
        rest = tree["rest"] if tree else line
        parts = [p for p in ARROWS.split(rest.strip())]
        tokens = [_text_token(p, multiword=multiword) for p in parts]
        if not all(tokens):
            stack = []
            continue
        if not tree and len(tokens) < 2 and not _next_is_tree(lines, offset):
            continue  # a lone word or a legend line
        names = [t for t in tokens if t]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if tree and stack:
            names = [stack[-1][1], *names]
        for name in names:
            graph.node(name, number)
        for a, b in itertools.pairwise(names):
            graph.edges.append((a, b, number))
        stack.append((indent, names[-1]))
    return graph


def _next_is_tree(lines: list[str], offset: int) -> bool:
    following = next((ln for ln in lines[offset + 1:] if ln.strip()), "")
    return bool(TREE_ARROW.match(following))


BITSHIFT_LINE = re.compile(r"^\s*[\w\[\], ]+(?:\s*(?:>>|<<)\s*[\w\[\], ]+)+\s*$")


def parse_bitshift(lines: list[str], first_line: int) -> DrawnGraph:
    """Airflow's `extract >> [clean, profile] >> load` (and `<<`) written in a design doc's code block."""
    graph = DrawnGraph()
    for offset, raw in enumerate(lines):
        if not BITSHIFT_LINE.match(raw):
            continue
        number = first_line + offset
        parts = re.split(r"\s*(>>|<<)\s*", raw.strip())
        groups = [[n.strip() for n in p.strip("[] ").split(",") if n.strip()] for p in parts[::2]]
        if not all(groups) or not all(looks_like_stage_id(n) for g in groups for n in g):
            continue
        for name in (n for g in groups for n in g):
            graph.node(name, number)
        for left, op, right in zip(groups, parts[1::2], groups[1:], strict=False):
            for a in left:
                for b in right:
                    graph.edges.append((a, b, number) if op == ">>" else (b, a, number))
    return graph


def parse_stages_yaml(lines: list[str], first_line: int) -> DrawnGraph:
    """A planned `dvc.yaml` in a design doc: `stages:` names the stages; a stage whose `deps` list
    another's `outs` comes after it."""
    graph = DrawnGraph()
    try:
        data = load_yaml("\n".join(lines), "design doc YAML block")
    except (yaml.YAMLError, YamlLimitError, ValueError):
        return graph
    stages = data.get("stages") if isinstance(data, dict) else None
    if not isinstance(stages, dict):
        return graph
    outs: dict[str, str] = {}
    for name, body in stages.items():
        line = next((first_line + i for i, ln in enumerate(lines) if re.match(rf"^\s*{re.escape(str(name))}\s*:", ln)),
                    first_line)
        graph.node(str(name), line)
        for out in _entries(body, "outs"):
            path = next(iter(out), None) if isinstance(out, dict) else out  # `- model.pkl: {cache: false}`
            if path is not None:
                outs[str(path).strip("./")] = str(name)
    for name, body in stages.items():
        for dep in _entries(body, "deps"):
            upstream = outs.get(str(dep).strip("./"))
            if upstream and upstream != str(name):
                graph.edges.append((upstream, str(name), graph.lines[str(name)]))
    return graph


def _entries(stage: object, key: str) -> list[object]:
    """A stage's `outs` or `deps` as a list, whatever a draft in a doc holds there (nothing, one path, a number)."""
    value = stage.get(key) if isinstance(stage, dict) else None
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []
