"""Commands a project's Markdown docs give for running a Python pipeline script: in a fenced code
block, or in a code span, `python pipelines/monitoring.py --environment=conda run --limit 1000`
(backslash continuations joined). For each, the script as written, the options given after the
`run` command, which are the flow's own parameters (Metaflow reads the options before `run` itself),
and, when a Python interpreter runs the script itself (`python run.py --test-size 0.3`), every option
given to it."""

from __future__ import annotations

import html
import posixpath
import re
import shlex
from collections.abc import Collection

from custody.reviewer.gather.readers.markdown_blocks import parse_blocks
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import DocCommand

SCRIPT = re.compile(r"(?:^|\s)(?P<script>(?:\./)?[\w][\w./-]*\.py)(?=\s|$)")
SPAN = re.compile(r"(`+)(?P<code>[^`]+?)\1")
STOP = {"&&", "||", "|", ";", ">", ">>", "2>&1"}
# An HTML `<pre>` block outside code fences (TensorFlow's docs write their commands so); its lines are code.
PRE_OPEN = re.compile(r"<pre(?:\s[^>]*)?>", re.IGNORECASE)
PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
TAG = re.compile(r"</?[A-Za-z][^>]*>")
INTERPRETER = re.compile(r"^python(?:\d+(?:\.\d+)?)?$")


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
    in_pre = False
    for number, line in enumerate(text.splitlines(), 1):
        if number in fenced:
            continue
        opens = PRE_OPEN.search(line)
        if in_pre and (PRE_CLOSE.search(line) or opens):  # a second `<pre>` is the closing tag mistyped
            in_pre = False
            continue
        if opens and not PRE_CLOSE.search(line):
            in_pre = True
            rest = TAG.sub("", line[opens.end():]).strip()
            if rest:
                out.append((number, html.unescape(rest)))
            continue
        if in_pre:
            command = html.unescape(TAG.sub("", line)).strip()
            if command:
                out.append((number, command))
            continue
        out += [(number, m.group("code").strip()) for m in SPAN.finditer(line)]
    return sorted(out, key=lambda found: found[0])


def command_tokens(rest: str) -> list[str] | None:
    """The words of the text that follows a script, up to the end of its command."""
    try:
        tokens = shlex.split(rest, comments=True)
    except ValueError:
        return None
    return tokens[:next((i for i, t in enumerate(tokens) if t in STOP), len(tokens))]


def _long(tokens: list[str]) -> list[str]:
    return [t[2:].split("=", 1)[0] for t in tokens if t.startswith("--") and len(t) > 2]


def _interpreted(before: str, script: str) -> bool:
    """The script is what a Python interpreter runs (`python -u run.py`, `uv run python run.py`), or is run
    itself (`./run.py`), not an argument of another program (`streamlit run app.py`)."""
    try:
        words = shlex.split(before, comments=False)
    except ValueError:
        return False
    cut = max((i + 1 for i, w in enumerate(words) if w in STOP), default=0)
    words = [w for w in words[cut:] if w != "$"]
    while words and words[-1].startswith("-") and not words[-1].startswith("--") and words[-1] != "-m":
        words.pop()  # the interpreter's own switches (-u, -O)
    return INTERPRETER.match(words[-1]) is not None if words else script.startswith("./")


def doc_commands(docs: dict[str, str], paths: Collection[str] = ()) -> list[DocCommand]:
    """The commands of Python scripts the docs (path -> Markdown text) give, each with the file it runs among
    `paths` (every file of the tree, not only those read)."""
    every = set(paths)
    out: list[DocCommand] = []
    for path, text in docs.items():
        for line, command in code_commands(text):
            match = SCRIPT.search(command)
            if match is None:
                continue
            tokens = command_tokens(command[match.end():])
            if tokens is None:
                continue
            script = match.group("script")
            given = tokens[:tokens.index("--")] if "--" in tokens else tokens
            flags = _long(given) if _interpreted(command[:match.start("script")], script) else []
            if "run" in tokens or flags:
                out.append(DocCommand(
                    script=script.removeprefix("./"), command=command, locator=file_locator(path, line),
                    run="run" in tokens, options=_long(tokens[tokens.index("run") + 1:]) if "run" in tokens else [],
                    flags=flags, script_path=resolve_script(file_locator(path, line), script, every)))
    return out


def resolve_script(locator: str, script: str, paths: set[str]) -> str | None:
    """The file a doc's command runs: the script beside the doc (`retail-forecast/README.md` running
    `run.py` is `retail-forecast/run.py`), else from the repository root, else the one file whose path
    ends with it."""
    doc = locator.partition("#")[0]
    for candidate in (posixpath.normpath(posixpath.join(posixpath.dirname(doc), script)), posixpath.normpath(script)):
        if candidate in paths:
            return candidate
    found = [p for p in paths if p.endswith("/" + script.removeprefix("./"))]
    return found[0] if len(found) == 1 else None
