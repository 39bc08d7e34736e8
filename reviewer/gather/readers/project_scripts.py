"""Entry points a changed doc documents that `pyproject.toml` declares under another spelling: the README
lists `diabetes_pred_online_inference`, `[tool.poetry.scripts]` declares `diabetes_pred_online_inferece`,
so `poetry run diabetes_pred_online_inference` fails. A documented name is read from a `poetry run` /
`uv run` / `pdm run` / `hatch run` / `rye run` command, or from a list item that opens with it in code
(`` * `name`: what it does ``) in a section whose other such items name declared scripts."""

from __future__ import annotations

import re
import tomllib

from custody.reviewer.gather.readers.code_changes import added_lines
from custody.reviewer.gather.readers.markdown_blocks import is_markdown
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import ScriptSlip
from custody.reviewer.model.evidence.diff import FileChange

RUN = re.compile(r"\b(?:poetry|uv|pdm|hatch|rye)\s+run\s+(?P<name>[A-Za-z_][\w.-]*)")
ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+`(?P<name>[A-Za-z_][\w.-]*)`\s*(?:[:=(—-]|$)")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
MIN_LENGTH = 8  # shorter names are too close to one another for a spelling slip to be sure


def declared_scripts(text: str) -> dict[str, int]:
    """The console scripts of a pyproject.toml (`[project.scripts]`, `[tool.poetry.scripts]`) -> line."""
    data = tomllib.loads(text)
    names = list((data.get("project") or {}).get("scripts") or {})
    names += list(((data.get("tool") or {}).get("poetry") or {}).get("scripts") or {})
    lines = text.splitlines()
    out: dict[str, int] = {}
    for name in names:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
        out[name] = next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 0)
    return out


def script_slips(files: list[FileChange], texts: dict[str, str]) -> list[ScriptSlip]:
    """Names added lines of changed Markdown docs document as entry points, that no script declares but one
    declared script spells one or two edits apart, while the doc names that script nowhere."""
    project = texts.get("pyproject.toml")
    if project is None:
        return []
    try:
        scripts = declared_scripts(project)
    except tomllib.TOMLDecodeError:
        return []
    out: list[ScriptSlip] = []
    for change in files:
        text = texts.get(change.path)
        if change.binary or change.status == "deleted" or text is None or not is_markdown(change.path):
            continue
        added = set(added_lines(change))
        for number, name in _documented(text, set(scripts)):
            if number not in added or name in scripts:
                continue
            near = [s for s in scripts if len(s) >= MIN_LENGTH and 0 < _distance(name, s) <= 2]
            if len(near) != 1 or re.search(rf"(?<![\w.-]){re.escape(near[0])}(?![\w.-])", text):
                continue
            out.append(ScriptSlip(path=change.path, line=number, name=name, declared=near[0],
                                  declared_at=file_locator("pyproject.toml", scripts[near[0]] or None)))
    return out


def _documented(text: str, scripts: set[str]) -> list[tuple[int, str]]:
    """(line, name) of each documented entry point: run commands anywhere; leading code items of a list only
    in a section where another such item is a declared script."""
    found: list[tuple[int, str]] = []
    section: list[tuple[int, str]] = []
    for number, line in enumerate([*text.splitlines(), "# end"], 1):
        if HEADING.match(line):
            if any(name in scripts for _, name in section):
                found += section
            section = []
            continue
        found += [(number, m["name"]) for m in RUN.finditer(line)]
        item = ITEM.match(line)
        if item:
            section.append((number, item["name"]))
    return found


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, stopping early past 2 (only near spellings matter)."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) > 2:
            return 3
        previous = current
    return previous[-1]
