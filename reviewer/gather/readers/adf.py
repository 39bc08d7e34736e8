"""Atlassian Document Format (Jira descriptions) to Markdown-like text with lists and headings."""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 50


def adf_to_text(node: Any, depth: int = 0) -> str:
    """Headings become `### `, list items `- ` (task items `- [ ]`/`- [x]`), paragraphs lines."""
    if depth > MAX_DEPTH or not isinstance(node, dict):
        return ""
    kind = node.get("type")
    content = node.get("content")
    children: list[Any] = content if isinstance(content, list) else []
    if kind == "text":
        text = node.get("text")
        if not isinstance(text, str):
            return ""
        raw_marks = node.get("marks")
        marks: list[Any] = raw_marks if isinstance(raw_marks, list) else []
        code = any(isinstance(m, dict) and m.get("type") == "code" for m in marks)
        return f"`{text}`" if code else text
    if kind == "hardBreak":
        return "\n"
    if kind in ("mention", "emoji", "inlineCard"):
        attrs = _attrs(node)
        return str(attrs.get("text") or attrs.get("shortName") or attrs.get("url") or "")
    inner = "".join(adf_to_text(child, depth + 1) for child in children)
    if kind == "heading":
        level = _attrs(node).get("level", 3)
        return f"{'#' * int(level if isinstance(level, int) and 1 <= level <= 6 else 3)} {inner.strip()}\n\n"
    if kind == "paragraph":
        return inner.strip() + "\n\n"
    if kind in ("bulletList", "orderedList", "taskList"):
        lines = []
        for index, child in enumerate(children):
            item = adf_to_text(child, depth + 1).strip().replace("\n\n", "\n")
            if kind == "orderedList":
                lines.append(f"{index + 1}. {item}")
            elif child.get("type") == "taskItem" if isinstance(child, dict) else False:
                done = _attrs(child).get("state") == "DONE"
                lines.append(f"- [{'x' if done else ' '}] {item}")
            else:
                lines.append(f"- {item}")
        return "\n".join(lines) + "\n\n"
    if kind == "codeBlock":
        return f"```\n{inner}\n```\n\n"
    return inner


def _attrs(node: dict[str, Any]) -> dict[str, Any]:
    """A node's `attrs`, or nothing when a malformed document gives something other than a mapping."""
    attrs = node.get("attrs")
    return attrs if isinstance(attrs, dict) else {}
