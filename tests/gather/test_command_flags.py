"""Literal flags of a stage command."""

from __future__ import annotations

from custody.reviewer.gather.command_flags import command_flags


def test_flags_with_values_and_without() -> None:
    flags = command_flags("python a.py --input-dir ./x --ratio=0.2 --fmt ${item.f} --verbose --seed 7 || exit 1")
    assert flags == {"input_dir": "./x", "ratio": "0.2", "seed": "7"}


def test_unbalanced_quotes_do_not_raise() -> None:
    assert command_flags("python a.py --name 'oops --lr 0.1") == {"name": "'oops", "lr": "0.1"}


def test_an_mlflow_project_placeholder_fixes_no_value() -> None:
    assert command_flags("python train.py --alpha {alpha} --l1-ratio 0.1 --data {data-path}") == {"l1_ratio": "0.1"}
