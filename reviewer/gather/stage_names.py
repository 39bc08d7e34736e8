"""Stage names as design docs write them: identifiers, display labels, and names with placeholders.

`predict_<split>`, `extract_{train,val}`, `train_${item}` and `export_*` stand for every stage name
that fills the gap; comparison ignores case and separators, as `normalize_name` does.
"""

from __future__ import annotations

import re
from functools import lru_cache

from custody.reviewer.gather.normalize import normalize_name

# <split>, {a,b}, ${item.x}, {{ var }}, *, and the <source> entity form of a mermaid label
PLACEHOLDER = re.compile(r"\$\{[^}]*\}|\{\{[^}]*\}\}|\{[^{}]*\}|<[^<>\s]{1,40}>|&lt;[^&\s]{1,40}&gt;|\*")
IDENTIFIER = re.compile(r"^[A-Za-z_][\w-]*$")


def has_placeholder(name: str) -> bool:
    return bool(PLACEHOLDER.search(name))


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str]:
    parts: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(name):
        parts.append(re.escape(normalize_name(name[last:match.start()])))
        token = match.group()
        options = token[1:-1].split(",") if token.startswith("{") and "," in token and "{{" not in token else None
        if options:
            parts.append("(?:" + "|".join(re.escape(normalize_name(o)) for o in options) + ")")
        else:
            parts.append(".+")
        last = match.end()
    parts.append(re.escape(normalize_name(name[last:])))
    return re.compile("".join(parts))


def name_matches(planned: str, shipped: str) -> bool:
    """Does a name the doc writes (maybe with placeholders) name this shipped stage?"""
    if not has_placeholder(planned):
        return normalize_name(planned) == normalize_name(shipped)
    pattern = _pattern(planned)
    return bool(pattern.pattern) and pattern.fullmatch(normalize_name(shipped)) is not None


def any_matches(names: list[str], shipped: str) -> bool:
    return any(name_matches(n, shipped) for n in names if n)


def looks_like_stage_id(name: str) -> bool:
    """An identifier a pipeline could use as a stage name, placeholders allowed: no spaces, no dots."""
    bare = PLACEHOLDER.sub("x", name)
    return bool(IDENTIFIER.match(bare)) and len(name) <= 80
