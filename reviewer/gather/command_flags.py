"""Literal `--flag value` / `--flag=value` arguments of a pipeline stage's command, as parameters."""

from __future__ import annotations

import re
import shlex

TEMPLATE = re.compile(r"\{[A-Za-z_][\w-]*\}")
FLAG = re.compile(r"^--(?P<name>[A-Za-z][\w-]*)(?:=(?P<value>.*))?$")


def command_flags(command: str) -> dict[str, str]:
    """`--sampling-ratio 0.01` is {"sampling_ratio": "0.01"}; templated values (`${item.x}`, an MLflow
    project's `{alpha}`) and bare switches are left out, since they fix no value."""
    try:
        words = shlex.split(command, comments=False, posix=True)
    except ValueError:
        words = command.split()
    out: dict[str, str] = {}
    for index, word in enumerate(words):
        match = FLAG.match(word)
        if not match:
            continue
        value = match["value"]
        if value is None and index + 1 < len(words) and not words[index + 1].startswith("-"):
            value = words[index + 1]
        if value is None or "${" in value or "{{" in value or TEMPLATE.fullmatch(value) \
                or value in ("||", "&&", "|", ";"):
            continue
        out.setdefault(match["name"].replace("-", "_"), value)
    return out
