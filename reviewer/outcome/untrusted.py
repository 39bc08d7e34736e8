"""Text from tickets, cards, PR bodies and command arguments, made inert before Custody writes it.

GitHub renders Custody's comments and check runs as Markdown and acts on what it finds: `@team`
notifies a team, `[login](https://…)` is a link in the App's voice, `![x](https://…)` fetches a
tracking image for every reader. Untrusted text keeps its words, not its effects."""

from __future__ import annotations

import re

ZWSP = "\u200b"  # zero-width space: breaks the syntax, keeps the words readable
HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})  # tags, autolinks, `&#64;` mentions
MENTION = re.compile(r"@(?=[A-Za-z0-9])")  # `@user`, `@org/team` (and e-mail autolinks)
LINK_SYNTAX = re.compile(r"\](?=[(\[:])")  # `[x](url)`, `![x](url)`, `[x][ref]`, `[ref]: url`
URL = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|file):(?=\S)")  # bare-URL autolinks
WWW = re.compile(r"(?i)\bwww\.")


def neutralise(text: str) -> str:
    """Mentions, links, images, HTML and autolinks made plain text; the words stay."""
    text = text.translate(HTML)
    text = MENTION.sub("@" + ZWSP, text)
    text = LINK_SYNTAX.sub("]" + ZWSP, text)
    text = URL.sub(lambda m: m.group(1) + ":" + ZWSP, text)
    return WWW.sub("www" + ZWSP + ".", text)


def inert_line(text: str, limit: int = 2_000) -> str:
    """Untrusted text on one line (no block syntax of its own), inert, at most `limit` characters."""
    flat = neutralise(" ".join(str(text).split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
