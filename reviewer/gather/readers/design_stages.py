"""Planned stages and their order from the prose parts of a design doc: stage tables, step lists and
sequencing sentences ("first `a`, then `b`; `c` runs only after `b` succeeded")."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.gather.readers.markdown_blocks import Blocks, ListItem, Table
from custody.reviewer.gather.stage_names import has_placeholder, looks_like_stage_id

STAGE_HEADERS = {"stage", "stages", "step", "steps", "task", "tasks", "task_id", "task id", "node", "nodes",
                 "component", "components", "job", "jobs", "dvc stage", "stage name", "step name", "task name"}
ALIAS_HEADERS = {"task", "tasks", "task_id", "task id", "node", "component", "job", "dvc stage", "stage",
                 "task name", "stage name"}
NUMBER_HEADERS = {"#", "no", "no.", "n", "nr", "order", "step #", "idx", "index"}
UPSTREAM_HEADERS = re.compile(r"depends|after|upstream|needs|prerequisite|predecessor|parents?\b|waits for"
                              r"|inputs? from")
DOWNSTREAM_HEADERS = re.compile(r"downstream|feeds|next|successor|triggers|then\b")
PIPELINE_WORDS = re.compile(r"\b(pipelines?|stages?|steps?|dags?|workflows?|flow|tasks?|jobs?|approach|process|"
                            r"run order|execution order|sequence)\b", re.IGNORECASE)
CODE = re.compile(r"`([^`\n]+)`")
BOLD = re.compile(r"(\*\*|__)(?P<inner>.+?)\1")
NONE_CELL = {"", "-", "—", "–", "none", "n/a", "na", "(none)", "nothing"}
SPLIT_NAMES = re.compile(r"\s*(?:,|;|/|&|\band\b|\bor\b|\|)\s*")
AFTER = re.compile(r"^\s*(?:(?:\w+\s+){0,3}?(?:runs?|starts?|executes?|happens?|is run|comes?|only|must run|may run"
                   r"|can run|will run)?\s*(?:only\s+)?(?:after|once)\b(?:\s+(?:the\s+)?(?:matching|"
                   r"corresponding|respective|its|each))?|\s*(?:depends?|waits?|relies)\s+(?:only\s+)?(?:on|for|upon)"
                   r"(?:\s+(?:the\s+)?(?:matching|corresponding|output of|outputs of))?)\s*$", re.IGNORECASE)
BEFORE = re.compile(r"^\s*(?:,|;)?\s*(?:(?:and\s+)?then|followed by|(?:runs?|comes?|happens?)\s+before|before|feeds?"
                    r"(?: into)?|triggers?|precedes?|->|→|=>|hands? off to|is followed by)\s*(?:the\s+|each\s+)?$",
                    re.IGNORECASE)


@dataclass
class Found:
    """Stages (name -> (line, aliases, strength)) and edges (a, b, line) a reader found."""
    stages: dict[str, tuple[int, list[str], str]] = field(default_factory=dict)
    edges: list[tuple[str, str, int]] = field(default_factory=list)

    def stage(self, name: str, line: int, aliases: list[str] | None = None, strength: str = "planned") -> None:
        if name in self.stages:
            old_line, old_aliases, old_strength = self.stages[name]
            merged = old_aliases + [a for a in aliases or [] if a not in old_aliases]
            best = "planned" if "planned" in (old_strength, strength) else old_strength
            self.stages[name] = (old_line, merged, best)
        else:
            self.stages[name] = (line, list(aliases or []), strength)

    def merged(self) -> Found:
        """One stage per thing: a table row whose task column names a mermaid node's label is that node."""
        owner: dict[str, str] = {}
        out = Found()
        for name, (line, aliases, strength) in self.stages.items():
            names = [n for n in [name, *aliases] if not has_placeholder(n)]
            target = next((owner[normalize_name(n)] for n in names if normalize_name(n) in owner), name)
            out.stage(target, line, [n for n in [name, *aliases] if n != target], strength)
            for n in names:
                owner.setdefault(normalize_name(n), target)
        for a, b, line in self.edges:
            x, y = owner.get(normalize_name(a), a), owner.get(normalize_name(b), b)
            if x != y and (x, y) not in {(p, q) for p, q, _ in out.edges}:
                out.edges.append((x, y, line))
        return out

    def edge(self, a: str, b: str, line: int, strength: str = "planned") -> None:
        for name in (a, b):
            if name not in self.stages:  # an edge names stages; it does not make a soft one firm
                self.stage(name, line, strength=strength)
        if a != b and (a, b) not in {(x, y) for x, y, _ in self.edges}:
            self.edges.append((a, b, line))


def cell_name(cell: str, *, multiword: bool = True) -> tuple[str | None, list[str]]:
    """The stage name a table cell or list lead gives, and the other names it lists."""
    spans = [s.strip() for s in CODE.findall(cell)]
    names = [s for s in spans if looks_like_stage_id(s)]
    if names:
        return names[0], names[1:]
    text = re.sub(r"\([^)]*\)", " ", cell).replace("*", "").replace("__", "").strip(" .:;`")
    text = re.sub(r"\s+", " ", text)
    if looks_like_stage_id(text):
        return text, []
    words = text.split(" ")
    if multiword and 1 < len(words) <= 7 and all(re.match(r"^[\w<>{}$'-]+$", w) for w in words) \
            and text[:1].isalpha():
        return text, []
    return None, []


def _column(header: list[str], wanted: set[str]) -> int | None:
    return next((i for i, h in enumerate(header) if h in wanted), None)


def stages_from_table(table: Table, found: Found) -> int:
    """A table with a stage column plans its rows; a depends-on column (names or row numbers) plans edges."""
    name_col = _column(table.header, STAGE_HEADERS)
    if name_col is None or len(table.rows) < 2:
        return 0
    alias_cols = [i for i, h in enumerate(table.header) if h in ALIAS_HEADERS and i != name_col]
    number_col = _column(table.header, NUMBER_HEADERS)
    up_col = next((i for i, h in enumerate(table.header) if i != name_col and UPSTREAM_HEADERS.search(h)), None)
    down_col = next((i for i, h in enumerate(table.header) if i not in (name_col, up_col)
                     and DOWNSTREAM_HEADERS.search(h)), None)
    by_number: dict[str, str] = {}
    rows: list[tuple[int, str, list[str], list[str]]] = []
    for index, (line, cells) in enumerate(table.rows, start=1):
        if name_col >= len(cells):
            continue
        name, extra = cell_name(cells[name_col])
        if name is None:
            continue
        aliases = list(extra)
        for col in alias_cols:
            if col < len(cells):
                spans = [s for s in CODE.findall(cells[col]) if looks_like_stage_id(s.strip())]
                aliases += [s.strip() for s in spans] or [n for n in [cell_name(cells[col])[0]] if n]
        rows.append((line, name, aliases, cells))
        number = cells[number_col].strip(" .*") if number_col is not None and number_col < len(cells) else str(index)
        by_number[number] = name
    if len(rows) < 2:
        return 0
    names = {n for _, n, _, _ in rows}
    for line, name, aliases, _ in rows:
        found.stage(name, line, aliases)

    def refs(cell: str) -> list[str]:
        out: list[str] = []
        if cell.strip().lower() in NONE_CELL:
            return out
        spans = CODE.findall(cell)
        pieces = spans if spans else SPLIT_NAMES.split(re.sub(r"\([^)]*\)", " ", cell))
        for piece in pieces:
            piece = piece.strip(" .*`#")
            if piece in by_number:
                out.append(by_number[piece])
            elif piece in names:
                out.append(piece)
            else:
                match = next((n for n in names if n.lower() == piece.lower()), None)
                if match:
                    out.append(match)
        return out

    for line, name, _, cells in rows:
        if up_col is not None and up_col < len(cells):
            for upstream in refs(cells[up_col]):
                found.edge(upstream, name, line)
        if down_col is not None and down_col < len(cells):
            for downstream in refs(cells[down_col]):
                found.edge(name, downstream, line)
    return len(rows)


def _lead(item: ListItem) -> str | None:
    """The name a list item starts with: `name`, **name**, __name__, or a short title before a colon."""
    text = item.text
    bold = BOLD.match(text)
    if bold:
        name, _ = cell_name(bold["inner"])
        return name
    code = re.match(r"^`([^`]+)`", text)
    if code:
        return code.group(1).strip() if looks_like_stage_id(code.group(1).strip()) else None
    # "cache detections (`infer` stage)", "using `Trainer` component", "`hyperparam_gen` custom python component"
    named = re.search(r"`([^`]+)`\s+(?:[A-Za-z-]+\s+){0,2}?(?:stage|step|task|component|operator)\b", text)
    if named and looks_like_stage_id(named.group(1).strip()):
        return named.group(1).strip()  # "cache detections (`infer` stage)"
    text = re.sub(r"\s*\([^)]*\)", "", text).strip()
    head = re.split(r"\s*(?::\s|\s[-–—]\s)", text, maxsplit=1)
    if "`" not in head[0] and (len(head) == 2 or len(text.split()) <= 7):
        name, _ = cell_name(head[0])
        if name and " " in name and (set(name.lower().split()) & SENTENCE_WORDS or not _titled(name)):
            return None  # "Gather the raw exports" is a sentence, not a step's name
        return name
    return None


def _titled(name: str) -> bool:
    """A display name: "Load and Preprocess Data", not "Cache detections"."""
    return all(w[:1].isupper() or w[:1].isdigit() or w in CONNECTORS for w in name.split())


CONNECTORS = {"and", "or", "of", "for", "to", "with", "on", "in", "by", "vs", "&"}
SENTENCE_WORDS = {"the", "a", "an", "them", "it", "its", "their", "our", "we", "you", "this", "that", "these",
                  "those", "into", "onto", "is", "are", "will", "should", "must"}


def _is_pipeline_list(items: list[ListItem]) -> bool:
    first = items[0]
    last_heading = first.section.rsplit(" / ", 1)[-1]
    return bool(PIPELINE_WORDS.search(last_heading) or PIPELINE_WORDS.search(first.intro[-200:]))


def stages_from_lists(blocks: Blocks, found: Found) -> int:
    """Step lists under a pipeline heading (or after "...these steps:"): each item's lead names a stage.
    An item whose sub-items name stages is a group (parallel steps). A numbered list plans its order."""
    total = 0
    for _, group in itertools.groupby(blocks.items, key=lambda i: (i.section, i.intro)):
        items = list(group)
        if not items or not _is_pipeline_list(items):
            continue
        top = min(i.indent for i in items)
        entries: list[list[tuple[str, int]]] = []
        for item in items:
            name = _lead(item)
            if item.indent == top:
                entries.append([(name, item.line)] if name else [])
                entries[-1].append(("", -1))  # marks "the top item itself", replaced by children if any
            elif entries and name:
                if entries[-1] and entries[-1][-1] == ("", -1):
                    entries[-1] = [("", -2)]  # the top item was a group heading
                entries[-1].append((name, item.line))
        steps = [[(n, ln) for n, ln in entry if n] for entry in entries]
        steps = [s for s in steps if s]
        named = [n for s in steps for n in s]
        if len(named) < 2:
            continue
        for name, line in named:
            found.stage(name, line, strength="listed")
        total += len(named)
        if items[0].ordered and len(steps) == len(entries):
            for before, after in itertools.pairwise(steps):
                for a, _ in before:
                    for b, line in after:
                        found.edge(a, b, line, strength="listed")
    return total


def edges_from_prose(blocks: Blocks, found: Found) -> int:
    """Sequencing sentences between code spans: "`a` then `b`", "`c` runs only after `b`"."""
    count = 0
    texts = [(line, text) for line, text, _ in blocks.prose] + [(i.line, i.text) for i in blocks.items]
    for line, text in texts:
        for clause in re.split(r"(?<=[.;!?])\s+|;\s*", text):
            spans = list(CODE.finditer(clause))
            for left, right in itertools.pairwise(spans):
                a, b = left.group(1).strip(), right.group(1).strip()
                if not (looks_like_stage_id(a) and looks_like_stage_id(b)):
                    continue
                between = clause[left.end():right.start()]
                if len(between.split()) > 7:
                    continue
                if BEFORE.match(between):
                    found.edge(a, b, line, strength="listed")
                    count += 1
                elif AFTER.match(between):
                    found.edge(b, a, line, strength="listed")
                    count += 1
    return count


PAST_SECTION = re.compile(r"history|changelog|change log|changes|alternatives|rejected|previous|legacy|deprecat|"
                          r"migration|considered|superseded|removed|retired|old\b|was\b", re.IGNORECASE)


def mentions(text: str, blocks: Blocks | None = None) -> list[tuple[str, int]]:
    """Every stage-like name the doc writes in a code span or in bold, with its line; not in a section about
    the past (history, changelog, rejected alternatives) nor on a line that says the stage went away."""
    past: set[int] = set()
    if blocks is not None:
        heads = [*blocks.headings, (len(text.splitlines()) + 1, 0, "")]
        for start, level, title in heads[:-1]:
            if PAST_SECTION.search(title):
                end = next((ln for ln, lv, _ in heads if ln > start and 0 < lv <= level), heads[-1][0])
                past.update(range(start, end))
    out: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if number in past:
            continue
        for match in CODE.finditer(line):
            name = match.group(1).strip()
            if looks_like_stage_id(name) and not _removal(line):
                out.append((name, number))
        for match in BOLD.finditer(line):
            name = match["inner"].strip("` ")
            if looks_like_stage_id(name) and not _removal(line):
                out.append((name, number))
    return out


REMOVAL = re.compile(r"\b(removed?|drop(?:ped)?|deprecated?|retired?|no longer|obsolete|replaced|superseded|"
                     r"legacy|formerly|used to|deleted?)\b", re.IGNORECASE)


def _removal(line: str) -> bool:
    return bool(REMOVAL.search(line))
