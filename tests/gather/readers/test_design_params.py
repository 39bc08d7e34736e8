"""Parameters a design doc fixes, from real docs: parameter tables, planned params.yaml blocks, `key: value`
bullets and prose; the first statement of a key wins, and a malformed block gives nothing."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.readers.design_params import (
    params_from_items,
    params_from_stage_prose,
    params_from_table,
    params_from_text,
    params_from_yaml,
    read_params,
)
from custody.reviewer.gather.readers.markdown_blocks import Fence, parse_blocks

from tests.helpers import REPO

REALWORLD = REPO / "benchmark" / "realworld"
AUDIT = (REALWORLD / "rw-dvc-01-frame-audit-conf-thresh" / "head" / "experiments" / "data-quality" / "frame-level"
         / "docs" / "specs" / "2026-04-24-frame-level-label-audit-design.md")
KFP = REALWORLD / "rw-flow-08-covertype-condition-to-if" / "head" / "notebooks" / "kubeflow_pipelines" / "pipelines"


def test_a_planned_params_yaml_is_flattened_with_the_line_of_each_key() -> None:
    text = AUDIT.read_text(encoding="utf-8")
    params = read_params(parse_blocks(text), text)
    assert params[:4] == [
        ("models.yolo11s-nimble-narwhal.hf_repo", "pyronear/yolo11s_nimble-narwhal_v6.0.0", 33),
        ("models.yolo11s-nimble-narwhal.hf_filename", "best.pt", 34),
        ("models.yolo11s-nimble-narwhal.conf_thresh", "0.35", 35),
        ("models.yolo11s-nimble-narwhal.iou_thresh", "0.05", 36)]
    assert ("conf_thresh", "0.35", 41) in params  # the bullet under "Threshold rationale"


def test_a_parameter_table_keeps_rows_with_one_key_and_a_value() -> None:
    text = (KFP / "README.md").read_text(encoding="utf-8")
    (table,) = [t for t in parse_blocks(text).tables if t.header[0] == "parameter"]
    assert params_from_table(table, section_is_params=True) == [
        ("accuracy_deployment_threshold", "0.6", 26), ("max_trial_count", "5", 27), ("parallel_trial_count", "5", 28)]


def test_a_name_column_is_a_parameter_only_under_a_parameters_heading_and_a_table_needs_a_value() -> None:
    blocks = parse_blocks("| name | value |\n|---|---|\n| `region` | eu-west-1 |\n| n_estimators | 300 |\n")
    (table,) = blocks.tables
    assert params_from_table(table, section_is_params=False) == []
    assert params_from_table(table, section_is_params=True) == [("region", "eu-west-1", 3), ("n_estimators", "300", 4)]
    (only_keys,) = parse_blocks("| parameter |\n|---|\n| lr |\n").tables
    assert params_from_table(only_keys, section_is_params=True) == []
    (short_row,) = parse_blocks("| key | default |\n|---|---|\n| lr |\n").tables
    assert params_from_table(short_row, section_is_params=True) == []


@pytest.mark.parametrize(("line", "found"), [
    ("The confidence threshold `alert_thresh` = 0.7 for now.", [("alert_thresh", "0.7", 1)]),
    ("Clip with `max_norm` (1.5) and `drift.max_psi` of 0.2 or less.",
     [("max_norm", "1.5", 1), ("drift.max_psi", "0.2", 1)]),
    ("Release `model_version` = 1.2.3 only", []),  # a version string is no parameter value
    ("The confidence threshold `alert_thresh` = 0.7.", [("alert_thresh", "0.7", 1)]),  # a sentence's last word
    ("Decay `lr` by `gamma` of 0.5. Then stop.", [("gamma", "0.5", 1)]),
    ("We lowered `patience` from 3 to 5.", []),
    ("`lr`: 0.01 → 0.001 after the sweep", [("lr", "0.001", 1)]),
    ("Run with `epochs=20` and `optimizer: adamw`.", [("epochs", "20", 1), ("optimizer", "adamw", 1)]),
    ("`use_amp` is set to true", [("use_amp", "true", 1)]),
    ("See `train.py` for details.", []),
])
def test_prose_assignments(line: str, found: list[tuple[str, str, int]]) -> None:
    assert params_from_text(line) == found


def test_a_yaml_block_counts_only_under_a_parameters_heading_and_never_a_pipeline() -> None:
    fence = Fence(lang="yaml", first_line=10, lines=["train:", "  lr: 0.001", "  layers: [64, 32]"],
                  section="parameters")
    assert params_from_yaml(fence, intro_is_params=True) == [("train.lr", "0.001", 11)]
    assert params_from_yaml(fence, intro_is_params=False) == []
    stages = Fence(lang="yaml", first_line=1, lines=["stages:", "  train:", "    cmd: x"], section="")
    assert params_from_yaml(stages, intro_is_params=True) == []
    python = Fence(lang="python", first_line=1, lines=["lr = 0.1"], section="parameters")
    assert params_from_yaml(python, intro_is_params=True) == []


@pytest.mark.parametrize("lines", [["lr: [0.1"], ["- 1", "- 2"], ["a: &a [*a, *a]"], ["just text"], ["\t:"]])
def test_a_malformed_or_non_mapping_yaml_block_gives_nothing(lines: list[str]) -> None:
    assert params_from_yaml(Fence(lang="yaml", first_line=1, lines=lines, section="config"), True) == []


def test_bullets_and_ini_blocks_only_under_a_parameters_heading() -> None:
    text = ("## Hyperparameters\n\n- learning_rate: 0.001\n- **min_auc** = 0.80 (agreed)\n"
            "- Retrain weekly: yes, on Mondays\n\n"
            "```ini\n[train]\nmax_depth = 6\nname = 'gbm'\n```\n\n## Notes\n\n- window: 7\n")
    assert params_from_items(parse_blocks(text)) == [
        ("learning_rate", "0.001", 3), ("min_auc", "0.80", 4), ("train.max_depth", "6", 9), ("train.name", "gbm", 10)]


def test_the_first_statement_of_a_key_wins() -> None:
    text = "## Parameters\n\n| parameter | value |\n|---|---|\n| lr | 0.1 |\n\nLater `lr` = 0.5.\n"
    assert read_params(parse_blocks(text), text) == [("lr", "0.1", 5)]


def test_a_stage_description_fixes_a_sampling_percentage_on_stage_lines_only() -> None:
    text = ("## Stages\n\n- **subsample**: Sample 5% of the images\n- **test set**: hold out 20 % for test\n"
            "- **train**: a 80/20 split\n\nSample 7% of nothing here.\n")
    blocks = parse_blocks(text)
    assert params_from_stage_prose(blocks, {3, 4, 5}) == [("sampl", "5%", 3), ("holdout", "20%", 4)]
    assert params_from_stage_prose(blocks, set()) == []
