"""Commands a project's Markdown docs give for running a Python pipeline script: in a fenced code
block, or in a code span, `python pipelines/monitoring.py --environment=conda run --limit 1000`
(backslash continuations joined). For each, the script as written and the options given after the
`run` command, which are the flow's own parameters (Metaflow reads the options before `run` itself)."""

from __future__ import annotations

import re
import shlex

from custody.reviewer.gather.readers.markdown_blocks import parse_blocks
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import DocCommand

SCRIPT = re.compile(r"(?:^|\s)(?P<script>(?:\./)?[\w][\w./-]*\.py)(?=\s|$)")
SPAN = re.compile(r"(`+)(?P<code>[^`]+?)\1")
STOP = {"&&", "||", "|", ";", ">", ">>", "2>&1"}


def code_commands(text: str) -> list[tuple[int, str]]:
    """(first line, command text) of every code line, continuations joined, and of every code span."""
    blocks = parse_blocks(text)
    out: list[tuple[int, str]] = []
    for fence in blocks.fences:
        pending: tuple[int, str] | None = None  # a continuation does not run past its fence
        for number, line in enumerate(fence.lines, fence.first_line):
            start, before = pending or (number, "")
            joined = f"{before} {line.strip()}".strip()
            if joined.endswith("\\"):
                pending = (start, joined[:-1])
                continue
            pending = None
            out.append((start, joined))
    fenced = blocks.fenced_lines()
    for number, line in enumerate(text.splitlines(), 1):
        if number not in fenced:
            out += [(number, m.group("code").strip()) for m in SPAN.finditer(line)]
    return sorted(out, key=lambda found: found[0])


def _options(rest: str) -> list[str] | None:
    """The `--name` options after the `run` command of the text that follows a script; None when
    there is no `run` command."""
    try:
        tokens = shlex.split(rest, comments=True)
    except ValueError:
        return None
    tokens = tokens[:next((i for i, t in enumerate(tokens) if t in STOP), len(tokens))]
    if "run" not in tokens:
        return None
    after = tokens[tokens.index("run") + 1:]
    return [t[2:].split("=", 1)[0] for t in after if t.startswith("--") and len(t) > 2]


def doc_commands(docs: dict[str, str]) -> list[DocCommand]:
    """The `run` commands of Python scripts the docs (path -> Markdown text) give."""
    out: list[DocCommand] = []
    for path, text in docs.items():
        for line, command in code_commands(text):
            match = SCRIPT.search(command)
            if match is None:
                continue
            options = _options(command[match.end():])
            if options is not None:
                out.append(DocCommand(script=match.group("script").removeprefix("./"), options=options,
                                      command=command, locator=file_locator(path, line)))
    return out
