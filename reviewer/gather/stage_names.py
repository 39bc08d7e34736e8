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


def _soft(text: str) -> str:
    """Lower case with every run of separators as one `_`: a placeholder's separator stays required."""
    return re.sub(r"[\s_\-./:]+", "_", text.lower())


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str]:
    parts: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(name):
        parts.append(re.escape(_soft(name[last:match.start()])))
        token = match.group()
        options = token[1:-1].split(",") if token.startswith("{") and "," in token and "{{" not in token else None
        if options:
            parts.append("(?:" + "|".join(re.escape(_soft(o.strip())) for o in options) + ")")
        else:
            parts.append(".+")
        last = match.end()
    parts.append(re.escape(_soft(name[last:])))
    return re.compile("".join(parts))


TRAILING = re.compile(r"(?:[_-]?(?:" + PLACEHOLDER.pattern + r"))+$")


def name_matches(planned: str, shipped: str) -> bool:
    """Does a name the doc writes (maybe with placeholders) name this shipped stage? A DVC `foreach`
    instance (`evaluate@val`) is its stage; a name ending in a placeholder (`evaluate_{train,val}`,
    `predict_<split>`) also names the one `foreach` stage that expands it (`evaluate`)."""
    shipped = shipped.split("@", 1)[0] if "@" in shipped else shipped
    if not has_placeholder(planned):
        return normalize_name(planned) == normalize_name(shipped)
    pattern = _pattern(planned)
    if pattern.pattern and pattern.fullmatch(_soft(shipped)) is not None:
        return True
    bare = TRAILING.sub("", planned)
    return bool(bare) and not has_placeholder(bare) and normalize_name(bare) == normalize_name(shipped)


def any_matches(names: list[str], shipped: str) -> bool:
    return any(name_matches(n, shipped) for n in names if n)


def looks_like_stage_id(name: str) -> bool:
    """An identifier a pipeline could use as a stage name, placeholders allowed: no spaces, no dots."""
    bare = PLACEHOLDER.sub("x", name)
    return bool(IDENTIFIER.match(bare)) and len(name) <= 80
