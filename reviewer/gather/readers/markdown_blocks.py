"""Markdown split into the blocks design docs use: headings, fenced code, tables, list items, prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^\s{0,3}(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
# A fence inside a list item is indented to the item's text ("1. Install:" then "    ```"), deeper than 3.
ITEM_FENCE = re.compile(r"^\s{4,8}(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)\s*$")
HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
# A table row starts with a pipe; the closing pipe is optional (GitHub renders `| a | b` as a row of two cells).
TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*?)(?:(?<!\\)\|)?\s*$")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d{1,3}[.)])\s+(?P<text>.+)$")
SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")


@dataclass
class Fence:
    lang: str
    first_line: int  # line number of the first body line
    lines: list[str]
    section: str  # the heading path above the fence, lowercased, " / " joined


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)
    section: str
    intro: str = ""  # the prose paragraph just above the table


@dataclass
class ListItem:
    line: int
    indent: int
    ordered: bool
    text: str  # the item's first line and its continuation lines, joined
    section: str
    intro: str = ""  # the prose just above the list the item belongs to


@dataclass
class Blocks:
    fences: list[Fence] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    prose: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, section)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (line, level, text)


def split_cells(line: str) -> list[str] | None:
    match = TABLE_ROW.match(line)
    if not match:
        return None
    cells = re.split(r"(?<!\\)\|", match["cells"])
    if len(cells) < 2 and not line.rstrip().endswith("|"):
        return None  # one pipe at the start of a line is prose, not a table
    return [c.strip() for c in cells]


def parse_blocks(text: str) -> Blocks:
    """One pass over the lines; code fences hide everything inside them from the other blocks."""
    blocks = Blocks()
    stack: list[tuple[int, str]] = []
    fence: Fence | None = None
    fence_marker = ""
    table: Table | None = None
    paragraph: list[tuple[int, str]] = []
    last_paragraph = ""
    list_intro = ""
    in_list = False

    def section() -> str:
        return " / ".join(t.lower() for _, t in stack)

    def flush() -> None:
        nonlocal paragraph, last_paragraph
        if paragraph:
            last_paragraph = " ".join(t for _, t in paragraph)
            blocks.prose.append((paragraph[0][0], last_paragraph, section()))
        paragraph = []

    for number, line in enumerate(text.splitlines(), start=1):
        if fence is not None:
            if line.strip().startswith(fence_marker) and line.strip().strip(fence_marker[0]) == "":
                blocks.fences.append(fence)
                fence = None
            else:
                fence.lines.append(line)
            continue
        opened = FENCE.match(line)
        in_item = bool(not opened and in_list and ITEM_FENCE.match(line))
        opened = opened or (ITEM_FENCE.match(line) if in_item else None)
        if opened:
            flush()
            fence_marker = opened["fence"]
            fence = Fence(lang=opened["lang"].lower(), first_line=number + 1, lines=[], section=section())
            table, in_list = None, in_item  # the list goes on after a fence of one of its items
            continue
        heading = HEADING.match(line)
        if heading:
            flush()
            level = len(heading["level"])
            while stack and stack[-1][0] >= level:
                stack.pop()
            title = heading["text"].strip()
            stack.append((level, title))
            blocks.headings.append((number, level, title))
            table, in_list, last_paragraph = None, False, ""
            continue
        cells = split_cells(line)
        if cells is not None:
            flush()
            if table is None:
                table = Table(header=[c.lower().strip("*_` ") for c in cells], rows=[], section=section(),
                              intro=last_paragraph)
                blocks.tables.append(table)
            elif not all(SEPARATOR_CELL.match(c.replace(" ", "")) or not c for c in cells):
                table.rows.append((number, cells))
            in_list = False
            continue
        table = None
        item = LIST_ITEM.match(line)
        if item:
            flush()
            if not in_list:
                list_intro = last_paragraph
            in_list = True
            blocks.items.append(ListItem(line=number, indent=len(item["indent"].expandtabs(4)),
                                         ordered=item["marker"][0].isdigit(), text=item["text"].strip(),
                                         section=section(), intro=list_intro))
            continue
        if not line.strip():
            flush()
            continue
        if in_list and line.startswith((" ", "\t")) and blocks.items:
            blocks.items[-1].text += " " + line.strip()
            continue
        in_list = False
        paragraph.append((number, line.strip()))
    flush()
    if fence is not None:
        blocks.fences.append(fence)
    return blocks
