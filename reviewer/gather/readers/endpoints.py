"""Local service addresses whose scheme a pull request flips: a line that reached
`http://127.0.0.1:5000` now reaches `https://127.0.0.1:5000`. For each, where else the repository
names the same address (its docs, task runners, configuration) with the old scheme and with the new
one, so a check can tell a client moved away from the server the repository starts from a move both
sides made."""

from __future__ import annotations

import functools
import re

from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import SchemeFlip
from custody.reviewer.model.evidence.diff import FileChange

URL = re.compile(r"\b(?P<scheme>https?)://(?P<authority>(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?)"
                 r"(?![\w.:-])", re.IGNORECASE)
DOC_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".txt")
MAX_PLACES = 5


def _urls(text: str) -> set[tuple[str, str]]:
    return {(m.group("scheme").lower(), m.group("authority").lower()) for m in URL.finditer(text)}


def _places(address: str, texts: dict[str, str], skip: str) -> list[str]:
    pattern = re.compile(re.escape(address) + r"(?![\w.:-])", re.IGNORECASE)
    out: list[str] = []
    for path, text in texts.items():
        if path == skip:
            continue
        out += [file_locator(path, n) for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    return out[:MAX_PLACES]


def scheme_flips(files: list[FileChange], texts: dict[str, str]) -> list[SchemeFlip]:
    """Flips in changed code (not in docs: a doc's link may move to https on its own), with the other
    places of `texts` (path -> head text) that name the address with either scheme."""
    flips: list[SchemeFlip] = []
    for change in files:
        if change.binary or change.status == "deleted" or change.path.lower().endswith(DOC_SUFFIXES):
            continue
        for line, code, before, after in remembered("endpoint-flips", change.content_key(),
                                                    functools.partial(_flips_in, change)):
            flips.append(SchemeFlip(path=change.path, line=line, code=code, old=before, new=after,
                                    old_elsewhere=_places(before, texts, change.path),
                                    new_elsewhere=_places(after, texts, change.path)))
    return flips


def _flips_in(change: FileChange) -> tuple[tuple[int, str, str, str], ...]:
    """(line, code, old address, new address) of each flip in the change's hunks; once per content."""
    found: list[tuple[int, str, str, str]] = []
    for hunk in change.hunks:
        if not hunk.removed or not hunk.added:  # a flip replaces a line: nothing removed, nothing flipped
            continue
        removed = set().union(*(_urls(line.text) for line in hunk.removed))
        if not removed:
            continue
        kept = set().union(*(_urls(line.text) for line in hunk.added))
        for line in hunk.added:
            for scheme, authority in sorted(_urls(line.text)):
                old = next((s for s, a in removed if a == authority and s != scheme), None)
                if old is None or (old, authority) in kept:
                    continue
                found.append((line.number, line.text.strip()[:160], f"{old}://{authority}", f"{scheme}://{authority}"))
    return tuple(found)
