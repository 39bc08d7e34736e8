"""Literal values read from Python source, and the ones a change replaces."""

from __future__ import annotations

from custody.reviewer.gather.readers.python_defaults import changed_defaults, literal_values

BASE = '''
from dataclasses import dataclass

warmup_steps = 100
dropout = 0.1
label = "sentiment"

@dataclass
class Settings:
    hidden: int = 256
    tie_weights: bool = True

def fit(data, epochs: int = 10, *, clip=-1.0, name=None):
    threshold = 0.5
    return data
'''


def test_reads_assignments_annotated_fields_and_argument_defaults() -> None:
    values = literal_values(BASE)
    assert values["warmup_steps"] == [("100", 4)]
    assert values["label"][0][0] == "sentiment"
    assert values["hidden"][0][0] == "256"
    assert values["tie_weights"][0][0] == "true"
    assert values["epochs"][0][0] == "10"
    assert values["clip"][0][0] == "-1.0"
    assert values["threshold"][0][0] == "0.5"
    assert "name" not in values  # None is no value
    assert "data" not in values  # an argument without a default


def test_a_changed_value_is_reported_with_its_new_line() -> None:
    head = BASE.replace("hidden: int = 256", "hidden: int = 320").replace("epochs: int = 10", "epochs: int = 3")
    found = {(c.name, c.old, c.new) for c in changed_defaults("cfg.py", BASE, head)}
    assert found == {("hidden", "256", "320"), ("epochs", "10", "3")}
    change = next(c for c in changed_defaults("cfg.py", BASE, head) if c.name == "hidden")
    assert head.splitlines()[change.line - 1].strip() == "hidden: int = 320"


def test_unchanged_ambiguous_and_unparsable_files_give_nothing() -> None:
    assert changed_defaults("cfg.py", BASE, BASE + "\n# a comment\n") == []
    # two values changed two ways: which became which is unknown
    base = "a = 1\na = 2\n"
    assert changed_defaults("x.py", base, "a = 3\na = 4\n") == []
    assert changed_defaults("x.py", "x = (", "x = 1") == []
    assert changed_defaults("x.py", "x = compute()", "x = 1") == []  # no literal before
