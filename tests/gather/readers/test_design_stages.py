"""Stages a design doc plans outside drawings: stage tables with dependency columns, step lists, sequencing
prose and names mentioned in code spans; read from real docs, and merged into one stage per thing."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.readers.design_stages import (
    Found,
    cell_name,
    edges_from_prose,
    mentions,
    stages_from_lists,
    stages_from_table,
)
from custody.reviewer.gather.readers.markdown_blocks import parse_blocks

from tests.helpers import REPO

REALWORLD = REPO / "benchmark" / "realworld"


def read(*parts: str) -> str:
    return REALWORLD.joinpath(*parts).read_text(encoding="utf-8")


def test_a_real_step_table_with_a_runs_after_column_plans_stages_and_edges() -> None:
    text = read("rw-flow-01-vertex-prediction-drop-tfdv", "head", "pipelines", "README.md")
    found = Found()
    (table,) = [t for t in parse_blocks(text).tables if "step" in t.header]
    assert stages_from_table(table, found) == 8
    assert list(found.stages)[:2] == ["Ingest data", "Extract data to storage"]
    assert found.stages["Ingest data"] == (25, [], "planned")
    assert ("Show anomalies", "Vertex Batch Prediction for XGB model", 32) in found.edges
    assert ("Lookup champion model", "Vertex Batch Prediction for XGB model", 32) in found.edges
    assert not any(b == "Ingest data" for _, b, _ in found.edges)  # "-" is no upstream


def test_a_task_column_gives_the_names_the_code_uses() -> None:
    text = read("rw-flow-03-ask-astro-provider-docs-no-split", "head", "docs", "airflow", "README.md")
    found = Found()
    for table in parse_blocks(text).tables:
        stages_from_table(table, found)
    assert found.stages["extract"][1] == ["extract_<source>", "get_<source>_content"]
    assert found.stages["split"][1] == ["split_markdown", "split_html", "split_python"]


def test_numbered_rows_downstream_columns_and_tables_too_small_to_plan() -> None:
    (table,) = parse_blocks("| # | stage | feeds |\n|---|---|---|\n| 1 | pull | 2 |\n| 2 | fit | `score` |\n"
                            "| 3 | score | none |\n").tables
    found = Found()
    assert stages_from_table(table, found) == 3
    assert [(a, b) for a, b, _ in found.edges] == [("pull", "fit"), ("fit", "score")]
    (one_row,) = parse_blocks("| stage | after |\n|---|---|\n| fit | pull |\n").tables
    assert stages_from_table(one_row, Found()) == 0
    (no_stage,) = parse_blocks("| model | score |\n|---|---|\n| a | 1 |\n| b | 2 |\n").tables
    assert stages_from_table(no_stage, Found()) == 0


def test_a_real_numbered_step_list_with_a_parallel_group() -> None:
    text = read("rw-flow-07-sts-forecast-third-model", "head", "kfp", "README.md")
    found = Found()
    assert stages_from_lists(parse_blocks(text), found) >= 5
    load, three = "Load and Preprocess Data", "Fit and Score Complex Log Prophet Model"
    assert found.stages[load] == (9, [], "listed")
    assert (load, three, 14) in found.edges and (three, "Evaluate Both Models", 15) in found.edges
    assert "Fits three separate forecasts on the training data, in parallel" not in found.stages


def test_a_list_outside_a_pipeline_section_or_of_sentences_plans_nothing() -> None:
    found = Found()
    assert stages_from_lists(parse_blocks("## Setup\n\n1. `install` the tools\n2. `login`\n"), found) == 0
    text = "## Pipeline\n\n- Gather the raw exports\n- Clean them up for the model\n"
    assert stages_from_lists(parse_blocks(text), found) == 0 and found.stages == {}


@pytest.mark.parametrize(("text", "edges"), [
    ("First `extract`, then `validate`.", [("extract", "validate")]),
    ("`train` runs only after `validate` succeeded.", [("validate", "train")]),
    ("`score` depends on `train`; `report` waits for `score`.", [("train", "score"), ("score", "report")]),
    ("`a` -> `b`", [("a", "b")]),
    ("We compared `xgboost` with `lightgbm`.", []),
    ("`a` then, after a very long detour through many other words, `b`", []),
    ("`a.b` then `c`", []),  # a dotted name is no stage id
])
def test_sequencing_prose(text: str, edges: list[tuple[str, str]]) -> None:
    found = Found()
    assert edges_from_prose(parse_blocks(text + "\n"), found) == len(edges)
    assert [(a, b) for a, b, _ in found.edges] == edges


@pytest.mark.parametrize(("cell", "name"), [
    ("`fetch_<src>` (or `get_<src>`)", ("fetch_<src>", ["get_<src>"])),
    ("**Load Raw Data**", ("Load Raw Data", [])), ("train_model.", ("train_model", [])),
    ("Fit Tree Model (depth 6)", ("Fit Tree Model", [])), ("3 things", (None, [])),
    ("a sentence, with a comma", (None, [])), ("", (None, [])),
])
def test_cell_names(cell: str, name: tuple[str | None, list[str]]) -> None:
    assert cell_name(cell) == name


def test_cell_names_of_several_words_only_when_allowed() -> None:
    assert cell_name("Pull events", multiword=False) == (None, [])


def test_a_stage_found_twice_keeps_its_first_line_all_aliases_and_the_firmer_strength() -> None:
    found = Found()
    found.stage("fit", 3, ["fit_a"], strength="listed")
    found.stage("fit", 9, ["fit_b", "fit_a"])
    assert found.stages["fit"] == (3, ["fit_a", "fit_b"], "planned")
    found.edge("fit", "fit", 4)
    found.edge("prep", "fit", 5, strength="listed")
    found.edge("prep", "fit", 6)
    assert found.edges == [("prep", "fit", 5)] and found.stages["prep"] == (5, [], "listed")


def test_merging_makes_a_row_that_names_a_drawn_node_the_same_stage() -> None:
    found = Found()
    found.stage("ex", 2, ["fetch_data"])  # a mermaid node whose label is the task
    found.stage("fetch_data", 10, ["fetch_<src>"])  # a table row naming the task
    found.edge("fetch_data", "train", 11)
    merged = found.merged()
    assert merged.stages == {"ex": (2, ["fetch_data", "fetch_<src>"], "planned"), "train": (11, [], "planned")}
    assert merged.edges == [("ex", "train", 11)]


def test_mentions_leave_out_the_past_and_lines_that_say_a_stage_went_away() -> None:
    text = ("# Plan\n\nThe `fit` stage feeds **report**.\n`old_fit` was dropped.\n\n## Rejected alternatives\n\n"
            "- `stream_fit`\n\n### Details\n\n- `stream_prep`\n\n## Outputs\n\n`publish` writes `a b`.\n")
    assert mentions(text, parse_blocks(text)) == [("fit", 3), ("report", 3), ("publish", 16)]
    assert ("stream_fit", 8) in mentions(text)  # without the blocks, no section is known to be past
