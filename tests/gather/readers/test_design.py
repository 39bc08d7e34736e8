"""Design docs as teams write them: mermaid with labels, text diagrams, stage tables, step lists, prose."""

from __future__ import annotations

from custody.reviewer.gather.readers.design import read_design_doc, read_design_docs
from custody.reviewer.gather.readers.design_graphs import parse_mermaid, parse_text_diagram
from custody.reviewer.gather.snapshot import MemorySnapshot


def _edges(doc_text: str) -> set[tuple[str, str]]:
    return {(e.upstream, e.downstream) for e in read_design_doc("d.md", doc_text).edges}


def test_mermaid_opaque_ids_take_their_labels_declared_anywhere() -> None:
    chart = """flowchart TD
  a1[load_orders] --> a2(join_customers)
  a2 -->|clean rows| a3{{score_orders}}
  a4[(feature_store)] & a1 --> a3
  a3 --> a5([publish]) --> a6
  a6["notify_owners"]
"""
    graph = parse_mermaid(chart.splitlines(), 1)
    assert graph is not None
    assert graph.labels["a6"] == "notify_owners"
    doc = read_design_doc("d.md", f"# Orders\n\n```mermaid\n{chart}```\n")
    names = {s.name for s in doc.stages}
    assert names == {"load_orders", "join_customers", "score_orders", "feature_store", "publish", "notify_owners"}
    edges = {(e.upstream, e.downstream) for e in doc.edges}
    assert ("feature_store", "score_orders") in edges and ("load_orders", "score_orders") in edges
    assert ("publish", "notify_owners") in edges
    assert doc.signals and "mermaid" in doc.signals[0]


def test_a_label_with_alternatives_keeps_the_id_as_name_and_the_rest_as_aliases() -> None:
    doc = read_design_doc("d.md", "```mermaid\nflowchart LR\n  ex[\"fetch_&lt;src&gt; / pull_&lt;src&gt;\"] "
                                  "--> sp[\"chunk_md | chunk_html\"]\n```\n")
    stages = {s.name: s for s in doc.stages}
    assert set(stages) == {"ex", "sp"}
    assert "chunk_html" in stages["sp"].aliases and "fetch_<src>" in stages["ex"].aliases


def test_a_rhombus_is_a_soft_stage_and_passes_its_order_on() -> None:
    doc = read_design_doc("d.md", "```mermaid\nflowchart LR\n  t[tune] --> g{good_enough} --> d[deploy]\n```\n")
    strengths = {s.name: s.strength for s in doc.stages}
    assert strengths == {"tune": "planned", "good_enough": "listed", "deploy": "planned"}
    assert ("tune", "deploy") in {(e.upstream, e.downstream) for e in doc.edges}


def test_text_tree_and_chain_but_not_an_architecture_sketch() -> None:
    tree = ["fetch (from the bucket)", "  -> clean   # drop nulls", "    -> fit", "    -> profile",
            "  -> archive"]
    graph = parse_text_diagram(tree, 10, multiword=False)
    assert {(a, b) for a, b, _ in graph.edges} == {("fetch", "clean"), ("clean", "fit"), ("clean", "profile"),
                                                  ("fetch", "archive")}
    sketch = ["raw frames -> crop patches -> cnn backbone -> logits"]
    assert not parse_text_diagram(sketch, 1, multiword=False).edges
    doc = read_design_doc("d.md", "## Architecture\n\n```\nraw frames -> crop -> 224px patches\n```\n")
    assert not doc.stages and not doc.signals


def test_stage_table_with_numbered_dependencies_and_multiword_names() -> None:
    text = """## Steps

| # | Step | What it does | Runs after |
|:-:|------|--------------|------------|
| 1 | Pull events | reads the topic | - |
| 2 | Dedupe events | drops replays | 1 |
| 3 | Score risk | model call | 2 |
| 4 | Load lookup | reads the table | |
| 5 | Write alerts | sinks | 3, 4 |
"""
    doc = read_design_doc("d.md", text)
    assert [s.name for s in doc.stages] == ["Pull events", "Dedupe events", "Score risk", "Load lookup",
                                           "Write alerts"]
    assert _edges(text) == {("Pull events", "Dedupe events"), ("Dedupe events", "Score risk"),
                            ("Score risk", "Write alerts"), ("Load lookup", "Write alerts")}


def test_stage_table_by_name_with_a_task_alias_column() -> None:
    text = "| stage | task | depends on |\n|---|---|---|\n| fetch | `fetch_<src>` | |\n" \
           "| chunk | `chunk_md` or `chunk_html` | `fetch` |\n"
    doc = read_design_doc("d.md", text)
    stages = {s.name: s.aliases for s in doc.stages}
    assert stages == {"fetch": ["fetch_<src>"], "chunk": ["chunk_md", "chunk_html"]}
    assert _edges(text) == {("fetch", "chunk")}


def test_a_table_without_a_stage_column_plans_nothing() -> None:
    text = "| Variant | Backbone |\n|---|---|\n| `gru_a` | resnet |\n| `gru_b` | convnext |\n"
    assert read_design_doc("d.md", text).stages == []


def test_step_list_under_a_pipeline_heading_with_a_parallel_group() -> None:
    text = """The pipeline runs these steps:

1. **Load Raw Data**: reads the export
2. **Fit two models, in parallel**:
   - Fit Linear Model
   - Fit Tree Model (depth 6)
3. **Compare Models**: picks the best
"""
    doc = read_design_doc("d.md", text)
    assert {s.name for s in doc.stages} == {"Load Raw Data", "Fit Linear Model", "Fit Tree Model",
                                            "Compare Models"}
    assert all(s.strength == "listed" for s in doc.stages)
    assert ("Load Raw Data", "Fit Tree Model") in _edges(text)
    assert ("Fit Linear Model", "Compare Models") in _edges(text)


def test_bold_and_code_bullets_under_a_stages_heading() -> None:
    text = "### Pipeline stages\n\n- __pull__: download\n- `clean`: drop nulls\n- **train_small**: fit\n"
    assert [s.name for s in read_design_doc("d.md", text).stages] == ["pull", "clean", "train_small"]


def test_a_list_outside_a_pipeline_section_plans_nothing() -> None:
    text = "## Setup\n\n1. `install` the tools\n2. `login` to the registry\n"
    assert read_design_doc("d.md", text).stages == []


def test_sequencing_prose_plans_edges() -> None:
    text = ("First `extract`, then `validate`; `train` runs only after `validate` succeeded. "
            "Each `report_<split>` runs only after the matching `score_<split>`, and `score_<split>` "
            "depends on `train`.\n")
    assert _edges(text) == {("extract", "validate"), ("validate", "train"), ("score_<split>", "report_<split>"),
                            ("train", "score_<split>")}


def test_prose_without_sequence_words_plans_no_edge() -> None:
    assert _edges("We compared `xgboost` with `lightgbm` on the holdout.\n") == set()


def test_parameters_from_tables_yaml_blocks_bullets_and_prose() -> None:
    text = """## Parameters

| Parameter | Default | Why |
|---|---|---|
| `score.min_conf` | 0.4 | recall floor |
| `score.window` | 5 | frames |

```yaml
train:
  lr: 0.001
  epochs: 20
```

- **`max_depth: 6`**: shallow trees generalise
- The confidence threshold `alert_thresh` = 0.7 and `drift.max_psi` (0.2).
- We lowered `patience` from 3 to 5.
"""
    params = {p.key: p.value for p in read_design_doc("d.md", text).params}
    assert params == {"score.min_conf": "0.4", "score.window": "5", "train.lr": "0.001", "train.epochs": "20",
                      "max_depth": "6", "alert_thresh": "0.7", "drift.max_psi": "0.2"}


def test_a_generic_name_table_is_a_parameter_table_only_under_a_parameters_heading() -> None:
    table = "| name | default |\n|---|---|\n| `region` | `eu-west-1` |\n| `replicas` | 3 |\n"
    assert {p.key for p in read_design_doc("d.md", "## Pipeline parameters\n\n" + table).params} == \
        {"region", "replicas"}
    assert read_design_doc("d.md", "## Team\n\n" + table).params == []


def test_design_docs_are_found_by_content_not_only_by_path() -> None:
    pipeline_readme = "# Forecast\n\n## Pipeline\n\n```mermaid\ngraph LR\n  a[pull] --> b[fit]\n```\n"
    plain_readme = "# Tools\n\nRun `make lint` then `make test`. See `fit` in `train.py`.\n"
    adr = "# ADR 7: thresholds\n\n| Parameter | Value |\n|---|---|\n| `fit.alpha` | 0.5 |\n"
    snapshot = MemorySnapshot({"services/forecast/README.md": pipeline_readme.encode(),
                               "README.md": plain_readme.encode(), "docs/adr/0007-thresholds.md": adr.encode(),
                               "CHANGELOG.md": pipeline_readme.encode()})
    docs, problems = read_design_docs(snapshot, ["docs/design/**"], [])
    assert problems == []
    assert sorted(d.path for d in docs) == ["docs/adr/0007-thresholds.md", "services/forecast/README.md"]


def test_airflow_bitshift_chains_in_a_code_block() -> None:
    text = "## DAG\n\n```python\nextract >> [clean, profile] >> load\nnotify << load\n```\n"
    assert _edges(text) == {("extract", "clean"), ("extract", "profile"), ("clean", "load"), ("profile", "load"),
                            ("load", "notify")}
    assert _edges("```python\nx = a >> 2\nprint(total)\n```\n") == set()


def test_a_planned_dvc_yaml_in_the_doc() -> None:
    text = """## Planned pipeline

```yaml
stages:
  featurize:
    cmd: python featurize.py
    outs: [data/features]
  train:
    cmd: python train.py
    deps: [./data/features, train.py]
    outs:
      - models/model.pkl:
          cache: false
  evaluate:
    deps: [models/model.pkl]
```
"""
    doc = read_design_doc("d.md", text)
    assert [s.name for s in doc.stages] == ["featurize", "train", "evaluate"]
    assert _edges(text) == {("featurize", "train"), ("train", "evaluate")}


def test_a_sentence_item_names_no_stage_even_with_code_inside() -> None:
    text = ("## Approach\n\n1. Wrap `vendor-lib` as a `Model`.\n2. Cache detections (`infer` stage).\n"
            "3. **`sweep`**: grid search\n4. `report` the metrics\n")
    assert [s.name for s in read_design_doc("d.md", text).stages] == ["infer", "sweep", "report"]


def test_a_superseded_adr_plans_nothing() -> None:
    adr = ("# ADR 3: nightly retrain\n\n* Status: Superseded by ADR 9\n\n"
           "```mermaid\ngraph LR\n  a[pull] --> b[fit]\n```\n")
    live = adr.replace("Superseded by ADR 9", "Accepted")
    snapshot = MemorySnapshot({"docs/adr/0003.md": adr.encode(), "docs/adr/0009.md": live.encode()})
    docs, problems = read_design_docs(snapshot, ["docs/design/**"], [])
    assert [d.path for d in docs] == ["docs/adr/0009.md"]
    assert [(p.what, p.why) for p in problems] == [("docs/adr/0003.md", "design doc marked superseded")]


def test_plain_key_value_bullets_and_ini_lines_under_a_parameters_heading() -> None:
    text = """## Thresholds

- learning_rate: 0.001
- **min_auc** = 0.80 (agreed with risk)
- Retrain weekly: yes, on Mondays

```toml
[train]
max_depth = 6
name = "gbm"
```

## Notes

- window: 7
"""
    params = {p.key: p.value for p in read_design_doc("d.md", text).params}
    assert params == {"learning_rate": "0.001", "min_auc": "0.80", "train.max_depth": "6", "train.name": "gbm"}


def test_mentions_skip_history_sections_and_removal_lines() -> None:
    text = ("# Plan\n\nThe `fit` stage feeds `report`.\n`old_fit` was dropped.\n\n## History\n\n"
            "- v1 had `prep_v1`\n\n### Details\n\n- and `prep_v0`\n\n## Outputs\n\n`publish` writes the table.\n")
    assert [m.name for m in read_design_doc("d.md", text).mentions] == ["fit", "report", "publish"]


def test_a_step_list_names_the_component_each_step_uses() -> None:
    doc = read_design_doc("README.md", """# Model

The training pipeline covers the following steps:

1. Read the events from `Kafka` using the `EventReader` component.
2. Clean them with `Spark` in the `dedupe_events` custom python component.
3. Fit the ranker using `RankerTrainer` component.
""")
    assert [s.name for s in doc.stages] == ["EventReader", "dedupe_events", "RankerTrainer"]
    assert ("EventReader", "dedupe_events") in {(e.upstream, e.downstream) for e in doc.edges}


def test_a_readme_that_documents_its_arguments_with_defaults_fixes_them() -> None:
    text = """# mlflow-apps
### gbt-regression
The arguments of the app:
* `n-trees`: number of trees for the regressor; default `100`
* `learning-rate`: learning rate, from `0.0` to `1.0`; default `.2`
* `--lr` (float, default: 0.001)
* `label-col`: name of the label column; `string` input
"""
    doc = read_design_doc("README.md", text)
    assert {p.key: p.value for p in doc.params} == {"n-trees": "100", "learning-rate": ".2", "lr": "0.001"}
    assert "argument defaults at line 4" in doc.signals
    # One documented default is a remark, not an argument list.
    assert read_design_doc("README.md", text.split("* `learning-rate`")[0]).signals == []
