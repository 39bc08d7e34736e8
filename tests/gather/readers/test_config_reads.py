"""Deleted configuration keys that head-tree Python still reads."""

from __future__ import annotations

from custody.reviewer.gather.readers.config_reads import deleted_keys, stale_config_reads
from custody.reviewer.model.evidence.diff import FileChange

BASE_CFG = """\
model:
  hidden: 128
  dropout: 0.2
optim:
  lr: 3.0e-4
  warmup_steps: 500
"""
HEAD_CFG = """\
model:
  hidden: 128
optim:
  lr: 3.0e-4
  schedule:
    warmup_steps: 500
"""
TRAINER = """\
import yaml

cfg = yaml.safe_load(open("conf/experiment.yaml"))
layer = Dropout(cfg["model"]["dropout"])
warm = cfg["optim"]["schedule"]["warmup_steps"]
"""


def _run(python: dict[str, str], base: str = BASE_CFG, head: str = HEAD_CFG, extra: dict[str, str] | None = None):
    changes = [FileChange(path="conf/experiment.yaml")]
    head_texts = {"conf/experiment.yaml": head, **(extra or {})}
    return stale_config_reads(changes, lambda p: base if p == "conf/experiment.yaml" else None, head_texts, python)


def test_deleted_leaf_is_found_and_a_key_moved_under_its_old_parent_name_is_not() -> None:
    gone, _ = deleted_keys(BASE_CFG, HEAD_CFG, "conf/experiment.yaml")
    # optim.warmup_steps moved to optim.schedule.warmup_steps: the pair (schedule, warmup_steps) differs,
    # so it counts as deleted at its old place; model.dropout is simply gone.
    assert ("model", "dropout") in gone
    assert ("model", "hidden") not in gone


def test_subscript_read_of_a_deleted_key_is_reported_with_its_line() -> None:
    reads = _run({"train.py": TRAINER})
    assert [(r.key, r.path, r.line, r.expression) for r in reads] == [
        ("model.dropout", "train.py", 4, 'cfg.model.dropout'),
    ]


def test_attribute_chain_read_is_reported() -> None:
    code = 'params = Box.from_yaml(filename="conf/experiment.yaml")\nsize = params.model.dropout * 2\n'
    assert [r.key for r in _run({"fit.py": code})] == ["model.dropout"]


def test_read_with_a_fallback_or_a_default_set_by_the_file_is_not_reported() -> None:
    fallback = 'cfg = load("experiment.yaml")\np = cfg["model"].get("dropout", 0.1)\n'
    defaulted = 'cfg = load("experiment.yaml")\ncfg["model"]["dropout"] = 0.1\np = cfg["model"]["dropout"]\n'
    assert _run({"a.py": fallback, "b.py": defaulted}) == []


def test_file_that_never_names_the_config_is_not_linked_unless_a_pipeline_command_runs_it_with_it() -> None:
    code = 'import sys, yaml\ncfg = yaml.safe_load(open(sys.argv[1]))\nrate = cfg["model"]["dropout"]\n'
    assert _run({"src/fit.py": code}) == []
    dvc = "stages:\n  fit:\n    cmd: python src/fit.py conf/experiment.yaml\n"
    reads = _run({"src/fit.py": code}, extra={"dvc.yaml": dvc})
    assert [(r.key, r.line) for r in reads] == [("model.dropout", 3)]


def test_ci_and_tool_yaml_and_unchanged_keys_are_ignored() -> None:
    changes = [FileChange(path=".github/workflows/ci.yml")]
    base = "jobs:\n  test:\n    timeout: 10\n"
    reads = stale_config_reads(changes, lambda p: base, {".github/workflows/ci.yml": "jobs: {}\n"},
                               {"x.py": 'open("ci.yml")\nt = cfg["test"]["timeout"]\n'})
    assert reads == []
    assert _run({"train.py": TRAINER}, head=BASE_CFG) == []


def test_key_still_set_by_another_config_of_the_tree_may_be_merged_in_and_is_not_reported() -> None:
    changes = [FileChange(path="conf/experiment.yaml")]
    defaults = "model:\n  dropout: 0.1\n"
    reads = stale_config_reads(
        changes, lambda p: BASE_CFG, {"conf/experiment.yaml": HEAD_CFG}, {"train.py": TRAINER},
        lambda: {"conf/defaults.yaml": defaults, "conf/experiment.yaml": HEAD_CFG},
    )
    assert reads == []


def test_dvc_stage_that_still_lists_or_interpolates_a_deleted_param_is_reported() -> None:
    base = "prep:\n  min_count: 5\n  lang: en\n"
    head = "prep:\n  lang: en\n"
    dvc = ("stages:\n  prep:\n    cmd: python prep.py --min ${prep.min_count}\n"
           "    params:\n    - prep.lang\n    - prep.min_count\n")
    changes = [FileChange(path="params.yaml")]
    reads = stale_config_reads(changes, lambda p: base, {"params.yaml": head, "dvc.yaml": dvc}, {})
    assert [(r.key, r.path, r.line, r.expression) for r in reads] == [
        ("prep.min_count", "dvc.yaml", 3, "prep.min_count"),
    ]
    other = stale_config_reads([FileChange(path="conf/other.yaml")], lambda p: base,
                               {"conf/other.yaml": head, "dvc.yaml": dvc}, {})
    assert other == []
