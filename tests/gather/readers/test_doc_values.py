"""Values docs state for names a change touches."""

from __future__ import annotations

from custody.reviewer.gather.readers.doc_values import doc_values

DOC = """# Training

The tokenizer is fixed at `num_tokens=32000` entries and the schedule uses `warmup`: 500 steps.
Run `python train.py --max_steps=10` for a smoke test.
"""


def test_states_a_value_for_a_wanted_name_with_its_line() -> None:
    found = doc_values({"docs/train.md": DOC}, {"num_tokens"})
    assert [(v.key, v.value, v.locator) for v in found] == [("num_tokens", "32000", "docs/train.md#L3")]


def test_other_names_and_command_line_flags_are_not_read() -> None:
    assert doc_values({"docs/train.md": DOC}, {"max_steps", "epochs"}) == []


def test_names_match_after_normalisation() -> None:
    assert [v.value for v in doc_values({"README.md": "Uses `Num-Tokens = 8`."}, {"num_tokens"})] == ["8"]
