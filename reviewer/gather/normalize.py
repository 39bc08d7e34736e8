"""Name normalisation shared by every comparison: case, separators, org prefixes, contacts."""

from __future__ import annotations

import re

_PARENS = re.compile(r"\([^)]*\)")
_SEPARATORS = re.compile(r"[\s_\-./:]+")


def strip_org(name: str) -> str:
    """`FacebookAI/xlm-roberta-base` is `xlm-roberta-base`."""
    return name.strip().rsplit("/", 1)[-1] if "/" in name.strip() else name.strip()


def normalize_name(name: str, *, drop_org: bool = True) -> str:
    """Compare names ignoring case, separators, an organisation prefix and contact details."""
    text = _PARENS.sub(" ", name)
    if drop_org:
        text = strip_org(text)
    return _SEPARATORS.sub("", text.lower())


def same_name(a: str, b: str) -> bool:
    return normalize_name(a) == normalize_name(b)
