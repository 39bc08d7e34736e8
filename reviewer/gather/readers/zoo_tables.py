"""Model-zoo tables: a doc's results table with one row per released checkpoint and a download link in it.

| name | resolution |acc@1 | #params | FLOPs | 22k model | 1k model |
| ConvNeXt-T | 384x384 | 84.1 | 29M | 13.1G | - | [model](https://.../convnext_tiny_22k_1k_384.pth) |

Each row is read as the checkpoints it links (by file name), the cells that say which model it is (its name, its
resolution: the words, not the numbers or links) and the numbers it claims under each column's name. A registered
version whose run names one of those files is the row's model; a row of the same table with the same identifying
cells claims to be that model too. Only Markdown tables; HTML tables are not read.
"""

from __future__ import annotations

import re

from custody.reviewer.gather.readers.cards import parse_number
from custody.reviewer.gather.readers.checkpoint_docs import URL, WEIGHTS_AT_END
from custody.reviewer.gather.readers.code_changes import added_lines
from custody.reviewer.gather.readers.markdown_blocks import is_markdown, parse_blocks
from custody.reviewer.model.evidence.cards import MetricClaim, ZooRow
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.diff import FileChange

# A result as a results cell writes it: `84.1`, `**84.1**`, `82%`; not a size (`29M`, `4.5G`), nor a bare whole
# number, which in a model zoo is more often a setting that tells rows apart (a resolution `384`, `300` epochs).
VALUE_CELL = re.compile(r"^\*{0,2}(?P<value>\d+\.\d+\s*%?|\d+\s*%)\*{0,2}$")
WHOLE_NUMBER = re.compile(r"^\*{0,2}\d+\*{0,2}$")
SIZE_CELL = re.compile(r"(?i)^\*{0,2}[\d.,]+\s*[kmgbt]?\*{0,2}$")
EMPTY_CELL = re.compile(r"(?i)^(?:-+|—|n/?a|\?|tbd|)$")
MIN_LINKED_ROWS = 2  # a table whose rows link two checkpoints or more is a model zoo
MAX_ROWS = 5_000  # zoo rows read off the changed docs; the docs after the one that passes it are not read


def _checkpoints(cell: str) -> list[str]:
    return [m.group(0).rsplit("/", 1)[-1] for m in URL.finditer(cell) if WEIGHTS_AT_END.search(m.group(0))]


def zoo_rows(path: str, text: str, added: set[int]) -> list[ZooRow]:
    """The rows of the doc's model-zoo tables; `added` marks the rows the change adds or edits."""
    rows: list[ZooRow] = []
    for table in parse_blocks(text).tables:
        linked = [(line, cells) for line, cells in table.rows if any(_checkpoints(c) for c in cells)]
        if len(linked) < MIN_LINKED_ROWS:
            continue
        for line, cells in table.rows:
            files = [f for cell in cells for f in _checkpoints(cell)]
            identity: list[str] = []
            claims: list[MetricClaim] = []
            for column, raw in enumerate(cells):
                cell = raw.strip()
                header = table.header[column] if column < len(table.header) else ""
                value = VALUE_CELL.match(cell)
                if value and header:
                    parsed = parse_number(value["value"])
                    if parsed is not None:
                        number, decimals, written = parsed
                        claims.append(MetricClaim(name=header, value=number, text=written, decimals=decimals,
                                                  source="table", locator=file_locator(path, line)))
                    continue
                if not WHOLE_NUMBER.match(cell) and (_checkpoints(cell) or "](" in cell or SIZE_CELL.match(cell)
                                                     or EMPTY_CELL.match(cell)):
                    continue
                identity.append(cell.strip("*_` ").lower())
            if identity:
                rows.append(ZooRow(path=path, line=line, identity=identity, checkpoints=files, metrics=claims,
                                   table=table.rows[0][0], added=line in added))
    return rows


def read_zoo_tables(changes: list[FileChange], texts: dict[str, str]) -> list[ZooRow]:
    """The model-zoo rows of the Markdown docs the change edits (a zoo no change touches has nothing new to
    compare)."""
    rows: list[ZooRow] = []
    for change in changes:
        if change.status == "deleted" or change.binary or not is_markdown(change.path):
            continue
        text = texts.get(change.path)
        if text is None:
            continue
        rows += zoo_rows(change.path, text, set(added_lines(change)))
        if len(rows) > MAX_ROWS:
            break
    return rows
