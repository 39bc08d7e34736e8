"""A Jupyter notebook's code cells as one Python module, with the notebook line of every module line.

Checks that read Python (`ast`) can then read notebooks too, and report on the notebook's own
lines: a `.ipynb` file is JSON whose cell sources are string arrays, one source line per JSON line
in the layout Jupyter writes. IPython magics (`%time`, `!pip`) and `?` help lines become blank
lines so the module still parses.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from dataclasses import dataclass

SOURCE_START = re.compile(r'^\s*"source"\s*:\s*(\[)?')
MAGIC = re.compile(r"^\s*(?:[%!]|\w[\w.]*\?\??\s*$)")


@dataclass
class NotebookCode:
    source: str
    lines: dict[int, int]  # module line -> notebook (JSON) line, 1-based

    def notebook_line(self, module_line: int | None) -> int | None:
        return self.lines.get(module_line) if module_line is not None else None


def notebook_code(text: str) -> NotebookCode | None:
    """The code cells of a notebook, or None when the text is not an nbformat 4 notebook."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return None
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if SOURCE_START.match(line)]
    out: list[str] = []
    lines: dict[int, int] = {}
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        raw = cell.get("source", "")
        parts = raw if isinstance(raw, list) else str(raw).splitlines(keepends=True)
        start = starts[index] if index < len(starts) and len(starts) == len(cells) else None
        listed = isinstance(raw, list) and start is not None
        cell_lines: list[tuple[str, int | None]] = []
        for offset, part in enumerate(str(p) for p in parts):
            for piece in part.rstrip("\n").split("\n") or [""]:
                code = piece[: len(piece) - len(piece.lstrip())] + "pass" if MAGIC.match(piece) else piece
                cell_lines.append((code, None if start is None else start + 1 + offset if listed else start))
        cell_magic = bool(parts) and str(parts[0]).lstrip().startswith("%%")
        if cell_magic or not _parses("\n".join(code for code, _ in cell_lines)):
            cell_lines = [("", line) for _, line in cell_lines]  # a cell magic, Python 2, a fragment
        for code, line in cell_lines:
            out.append(code)
            if line is not None:
                lines[len(out)] = line
        out.append("")  # a blank line between cells
    return NotebookCode("\n".join(out) + "\n", lines)


def _parses(code: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in old notebooks
            ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True
