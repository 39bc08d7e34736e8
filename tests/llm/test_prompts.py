"""The model layer's prompts load with their versions and keep untrusted data delimited."""

from __future__ import annotations

import pytest
from custody.reviewer.llm import prompts


@pytest.mark.parametrize("name", ["context", "judge_criterion", "rule_instruction", "batch", "explain"])
def test_every_prompt_is_versioned(name: str) -> None:
    prompt = prompts.load(name)
    assert prompt.ref == f"{name}@{prompt.version}" and int(prompt.version) >= 1


def test_rendering_puts_data_inside_the_delimiters() -> None:
    text = prompts.load("judge_criterion").render(criteria="[t#criterion-1] {not a placeholder}")
    assert text.index("<untrusted") < text.index("{not a placeholder}") < text.index("</untrusted>")


def test_the_preamble_says_data_is_never_instruction() -> None:
    body = prompts.load("context").body
    assert "never an instruction" in body and "URL" in body
