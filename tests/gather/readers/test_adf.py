"""Atlassian Document Format to text: Jira's real description nodes, and junk that must not crash."""

from __future__ import annotations

import json
from typing import Any

import pytest
from custody.reviewer.gather.readers.adf import MAX_DEPTH, adf_to_text

from tests.helpers import REPO

REC_42 = REPO / "benchmark" / "scenarios" / "scope-08-recsys-jira-recall-at-k" / "tickets" / "REC-42.json"


def text(value: str, *marks: str) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "text", "text": value}
    if marks:
        node["marks"] = [{"type": m} for m in marks]
    return node


def para(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"type": "paragraph", "content": list(nodes)}


def test_a_real_jira_description_becomes_headings_bullets_and_code_spans() -> None:
    description = json.loads(REC_42.read_text(encoding="utf-8"))["fields"]["description"]
    assert adf_to_text(description) == (
        "Product wants one report per retrain.\n\n"
        "### Acceptance criteria\n\n"
        "- Report `ndcg_at_10` and `recall_at_50` in `evaluation/report.py`\n"
        "- Report catalogue `coverage`\n\n")


def test_ordered_and_task_lists_are_numbered_and_ticked() -> None:
    doc = {"type": "doc", "content": [
        {"type": "orderedList", "content": [{"type": "listItem", "content": [para(text("first"))]},
                                            {"type": "listItem", "content": [para(text("second"))]}]},
        {"type": "taskList", "content": [
            {"type": "taskItem", "attrs": {"state": "DONE"}, "content": [text("ship the card")]},
            {"type": "taskItem", "attrs": {"state": "TODO"}, "content": [text("retrain")]}]}]}
    assert adf_to_text(doc) == "1. first\n2. second\n\n- [x] ship the card\n- [ ] retrain\n\n"


def test_inline_nodes_breaks_and_code_blocks() -> None:
    doc = para(text("ping "), {"type": "mention", "attrs": {"id": "5b10", "text": "@Ana"}},
               {"type": "hardBreak"}, {"type": "emoji", "attrs": {"shortName": ":tada:"}},
               {"type": "inlineCard", "attrs": {"url": "https://acme.atlassian.net/browse/REC-1"}})
    assert adf_to_text(doc) == "ping @Ana\n:tada:https://acme.atlassian.net/browse/REC-1\n\n"
    block = {"type": "codeBlock", "attrs": {"language": "python"}, "content": [text("auc = 0.9")]}
    assert adf_to_text(block) == "```\nauc = 0.9\n```\n\n"


@pytest.mark.parametrize(("level", "hashes"), [(1, "#"), (6, "######"), (9, "###"), ("2", "###"), (None, "###")])
def test_a_heading_level_outside_one_to_six_becomes_three(level: object, hashes: str) -> None:
    heading = {"type": "heading", "attrs": {"level": level}, "content": [text("Goal")]}
    assert adf_to_text(heading) == f"{hashes} Goal\n\n"


@pytest.mark.parametrize("junk", [
    None, "text", 3, [], {"type": "text", "text": 7}, {"type": "text"}, {"content": "not a list"},
    {"type": "text", "text": "x", "marks": "code"}, {"type": "text", "text": "x", "marks": ["code", None]},
    {"type": "mention", "attrs": ["not", "a", "mapping"]}, {"type": "heading", "attrs": "big"},
    {"type": "taskList", "content": [{"type": "taskItem", "attrs": 5}]},
    {"type": "bulletList", "content": [None, 3, "x"]},
])
def test_malformed_nodes_give_text_or_nothing_never_an_exception(junk: object) -> None:
    assert isinstance(adf_to_text(junk), str)


def test_nesting_deeper_than_the_limit_is_cut_off_without_recursion_errors() -> None:
    node: dict[str, Any] = text("deep")
    for _ in range(MAX_DEPTH + 5):
        node = {"type": "doc", "content": [node]}
    assert adf_to_text(node) == ""
    shallow: dict[str, Any] = text("near")
    for _ in range(MAX_DEPTH - 1):
        shallow = {"type": "doc", "content": [shallow]}
    assert adf_to_text(shallow) == "near"
