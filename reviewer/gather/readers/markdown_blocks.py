"""Markdown split into the blocks design docs use: headings, fenced code, tables, list items, prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# CommonMark: an opening fence is indented at most 3 spaces, and a backtick fence's info string holds no
# backtick (so a line that starts with the code span ```name``` opens nothing).
FENCE = re.compile(r"^(?P<indent>\s{0,3})(?P<fence>`{3,}(?=[^`]*$)|~{3,})\s*(?P<lang>[\w+-]*)")
# A fence inside a list item is indented to the item's text ("1. Install:" then "    ```"), deeper than 3.
ITEM_FENCE = re.compile(r"^(?P<indent>\s{4,8})(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)\s*$")
HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
# A table row starts with a pipe; the closing pipe is optional (GitHub renders `| a | b` as a row of two cells).
TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*?)(?:(?<!\\)\|)?\s*$")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d{1,3}[.)])\s+(?P<text>.+)$")
SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


def is_markdown(path: str) -> bool:
    """Whether the file is a Markdown doc (MDX included: Markdown with components, read the same way)."""
    return path.lower().endswith(MARKDOWN_SUFFIXES)


@dataclass
class Fence:
    lang: str
    first_line: int  # line number of the first body line
    lines: list[str]
    section: str  # the heading path above the fence, lowercased, " / " joined
    closed: bool = False  # False: the fence runs to the end of the text

    @property
    def span(self) -> range:
        """Its line numbers, the opening and the closing line included."""
        return range(self.first_line - 1, self.first_line + len(self.lines) + self.closed)


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

    def fenced_lines(self) -> set[int]:
        """The numbers of the lines inside code fences, their opening and closing lines included."""
        return {number for fence in self.fences for number in fence.span}


def split_cells(line: str) -> list[str] | None:
    match = TABLE_ROW.match(line)
    if not match:
        return None
    cells = re.split(r"(?<!\\)\|", match["cells"])
    if len(cells) < 2 and not line.rstrip().endswith("|"):
        return None  # one pipe at the start of a line is prose, not a table
    return [c.strip() for c in cells]


def _closes(line: str, marker: str, indent: int) -> bool:
    """CommonMark: a fence closes on a line of its own character only, at least as long as the one that
    opened it, indented at most 3 spaces (past a list item's indentation, for a fence of an item)."""
    expanded = line.expandtabs(4)
    body = expanded.lstrip()
    return (body.startswith(marker) and body.rstrip().strip(marker[0]) == ""
            and len(expanded) - len(body) <= (3 if indent <= 3 else indent + 3))


def parse_blocks(text: str) -> Blocks:
    """One pass over the lines; code fences hide everything inside them from the other blocks."""
    blocks = Blocks()
    stack: list[tuple[int, str]] = []
    fence: Fence | None = None
    fence_marker, fence_indent = "", 0
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
            if _closes(line, fence_marker, fence_indent):
                fence.closed = True
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
            fence_marker, fence_indent = opened["fence"], len(opened["indent"].expandtabs(4))
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
