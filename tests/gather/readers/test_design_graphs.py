"""Graphs drawn in design docs: mermaid flowcharts and state diagrams, text arrows, Airflow bitshifts and
planned dvc.yaml blocks, each read into nodes and edges; anything else plans nothing and never raises."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.readers.design_graphs import (
    DrawnGraph,
    clean_label,
    parse_bitshift,
    parse_mermaid,
    parse_stages_yaml,
    parse_text_diagram,
)
from hypothesis import given, settings
from hypothesis import strategies as st


def edges(graph: DrawnGraph | None) -> set[tuple[str, str]]:
    assert graph is not None
    return {(a, b) for a, b, _ in graph.edges}


@pytest.mark.parametrize(("raw", "label"), [
    ('"notify_owners"', "notify_owners"), ("fetch<br/>orders", "fetch orders"),
    ("say #quot;hi#quot; now", 'say "hi" now'),
    ("extract_&lt;src&gt;", "extract_<src>"), ("  `train`  ", "train"), ("#lt;x#gt;", "<x>"),
])
def test_labels_lose_quotes_breaks_and_entities(raw: str, label: str) -> None:
    assert clean_label(raw) == label


def test_every_node_shape_gives_its_label_and_a_rhombus_is_a_decision() -> None:
    chart = ["flowchart TD", "  a[box] --> b(round) --> c([stadium]) --> d[[sub]] --> e[(db)]",
             "  e --> f((circle)) --> g{{hex}} --> h[/para/] --> i>flag] --> j{ok?}"]
    graph = parse_mermaid(chart, 1)
    assert graph is not None
    assert [graph.labels[n] for n in "abcdefghi"] == ["box", "round", "stadium", "sub", "db", "circle", "hex",
                                                     "para", "flag"]
    assert graph.decisions == {"j"} and ("i", "j") in edges(graph)
    assert graph.lines["a"] == 2 and graph.lines["f"] == 3


def test_state_diagrams_are_read_and_other_diagrams_are_not_graphs() -> None:
    graph = parse_mermaid(["stateDiagram-v2", "  [*] --> Ingest", "  Ingest --> Train : data ready",
                           "  Train --> [*]"], 1)
    assert edges(graph) == {("Ingest", "Train")}
    assert parse_mermaid(["sequenceDiagram", "  Alice->>Bob: hi"], 1) is None
    assert parse_mermaid([], 1) is None and parse_mermaid(["", "  "], 1) is None


def test_styling_lines_and_semicolons_are_handled() -> None:
    graph = parse_mermaid(["graph LR;", "  a-->b; b-->c", "  classDef hot fill:#f00", "  style a fill:#fff",
                           "  %% a comment --> nowhere", "  click a call cb()"], 1)
    assert edges(graph) == {("a", "b"), ("b", "c")}


def test_bitshift_chains_fan_out_and_in_and_ignore_arithmetic() -> None:
    graph = parse_bitshift(["extract >> [clean, profile] >> load", "notify << load", "x = a >> 2",
                            "total >> 2 >> out"], 5)
    assert edges(graph) == {("extract", "clean"), ("extract", "profile"), ("clean", "load"),
                            ("profile", "load"), ("load", "notify")}
    assert graph.lines["extract"] == 5 and graph.lines["notify"] == 6


def test_a_chain_of_multiword_names_only_when_asked() -> None:
    assert edges(parse_text_diagram(["Pull events -> Dedupe events -> Score"], 1, multiword=True)) == {
        ("Pull events", "Dedupe events"), ("Dedupe events", "Score")}
    assert parse_text_diagram(["Pull events -> Dedupe events -> Score"], 1, multiword=False).edges == []
    assert parse_text_diagram(["fetch", "legend: a box is a task"], 1, multiword=False).edges == []


def test_a_planned_dvc_yaml_orders_stages_by_outs_and_deps() -> None:
    block = ["stages:", "  featurize:", "    outs: [data/features]", "  train:", "    deps: [./data/features]",
             "    outs:", "      - models/model.pkl:", "          cache: false", "  evaluate:",
             "    deps: [models/model.pkl, ./train.py]"]
    graph = parse_stages_yaml(block, 20)
    assert graph.lines == {"featurize": 21, "train": 23, "evaluate": 28}
    assert graph.edges == [("featurize", "train", 23), ("train", "evaluate", 28)]


@pytest.mark.parametrize("block", [
    "stages:\n  train:\n    outs:\n  evaluate:\n    deps: [x]\n",  # a draft: outs not written yet
    "stages:\n  train:\n    outs: [{}]\n", "stages:\n  train:\n    outs: 5\n    deps: {a: 1}\n",
    "stages:\n  train:\n", "stages: [train, evaluate]\n", "- a\n- b\n", "stages: {train: [\n",
    "a: &a [*a]\n",
])
def test_a_half_written_or_broken_stages_block_plans_what_it_can_and_never_raises(block: str) -> None:
    graph = parse_stages_yaml(block.splitlines(), 1)
    assert graph.edges == []


def test_a_path_written_alone_is_one_out_and_one_dep() -> None:
    graph = parse_stages_yaml(["stages:", "  prep:", "    outs: data/clean", "  fit:", "    deps: data/clean"], 1)
    assert graph.edges == [("prep", "fit", 4)]


LINES = st.lists(st.text(alphabet=st.sampled_from(list("ab_ -=>.|[](){}<&;:%\"`~\n")), max_size=30), max_size=6)


@settings(max_examples=120, deadline=None)
@given(LINES)
def test_any_lines_read_as_some_graph_without_raising(lines: list[str]) -> None:
    for graph in (parse_mermaid(["flowchart LR", *lines], 1), parse_text_diagram(lines, 1, multiword=True),
                  parse_bitshift(lines, 1), parse_stages_yaml(lines, 1)):
        assert graph is None or all({a, b} <= set(graph.lines) for a, b, _ in graph.edges)


def test_mermaid_edge_text_subgraphs_and_entities() -> None:
    chart = """graph LR
  x["extract_&lt;src&gt; / get_&lt;src&gt;_content"] -- on success --> y
  subgraph training [Model training]
    t1[fit] --> t2[evaluate]
  end
  y --> training
  training -.-> z[register]
  y ~~~ z
"""
    graph = parse_mermaid(chart.splitlines(), 1)
    assert graph is not None
    assert graph.labels["x"] == "extract_<src> / get_<src>_content"
    assert ("x", "y") in {(a, b) for a, b, _ in graph.edges}
    assert {("y", "t1"), ("y", "t2"), ("t1", "z"), ("t2", "z")} <= {(a, b) for a, b, _ in graph.edges}
    assert ("y", "z") not in {(a, b) for a, b, _ in graph.edges}  # ~~~ only places nodes
    assert "training" not in graph.lines
