"""Untrusted text keeps its words and loses its effects: mentions, links, images, HTML, autolinks."""

from __future__ import annotations

import pytest
from custody.reviewer.outcome.markdown import cell
from custody.reviewer.outcome.untrusted import ZWSP, inert_line, neutralise


@pytest.mark.parametrize(("text", "gone"), [
    ("ping @acme/everyone now", "@acme"),
    ("cc @octocat", "@octocat"),
    ("[log in](https://evil.example/login)", "](https"),
    ("![x](https://t.example/p.gif)", "]("),
    ("[log in][1]", "]["),
    ("<img src=https://t.example/p.gif>", "<img"),
    ("<https://evil.example>", "<https"),
    ("see https://evil.example/a", "https://"),
    ("see www.evil.example", "www."),
    ("&#64;acme/everyone", "&#64;"),
    ("javascript:alert(1)", "javascript:a"),
])
def test_each_effect_is_broken(text: str, gone: str) -> None:
    out = neutralise(text)
    assert gone not in out
    assert out.replace(ZWSP, "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") == text


def test_plain_text_is_left_alone() -> None:
    assert neutralise("AUC 0.91 on the Q3 holdout (params.yaml#L3), e-mail-free") == \
        "AUC 0.91 on the Q3 holdout (params.yaml#L3), e-mail-free"


def test_a_line_has_no_block_syntax_of_its_own() -> None:
    assert inert_line("a\n\n# heading\n[ref]: https://evil.example") == \
        f"a # heading [ref]{ZWSP}: https:{ZWSP}//evil.example"
    assert len(inert_line("x" * 50, limit=10)) == 10


def test_table_cells_are_inert() -> None:
    assert cell("[a](https://e.example) | @team") == f"[a]{ZWSP}(https:{ZWSP}//e.example) \\| @{ZWSP}team"
