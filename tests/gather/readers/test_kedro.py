"""Kedro projects read statically from real kedro-starters files: nodes, datasets, parameters, the catalog,
modular pipelines (namespaces) and the registry; what cannot be resolved is said, never guessed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NoReturn

import pytest
from custody.reviewer.gather import content_cache
from custody.reviewer.gather.content_cache import Lru
from custody.reviewer.gather.readers import kedro
from custody.reviewer.gather.readers.kedro import read_kedro
from custody.reviewer.gather.readers.pipelines import read_shipped_pipelines
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence.pipeline import PipelineGraph

from tests.helpers import fixture_path

PANDAS = fixture_path("ml", "kedro", "spaceflights-pandas")
MODULAR = fixture_path("ml", "kedro", "spaceflights-f3ade8e")
DS = "src/spaceflights/pipelines/data_science/pipeline.py"


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}


def _read(files: dict[str, str], where: str = "head") -> list[PipelineGraph]:
    return read_kedro(sorted(files), files.get, "head" if where == "head" else "base")


def test_the_spaceflights_project_is_one_graph_of_its_registered_pipelines() -> None:
    [graph] = _read(_tree(PANDAS))
    assert (graph.format, graph.source, graph.unresolved) == ("kedro", "src/spaceflights/pipeline_registry.py", [])
    assert graph.stage_names() == [
        "preprocess_companies_node", "preprocess_shuttles_node", "create_model_input_table_node",
        "split_data_node", "train_model_node", "evaluate_model_node",
        # reporting's nodes have no name=: Kedro names them after their function
        "compare_passenger_capacity_exp", "compare_passenger_capacity_go", "create_confusion_matrix"]
    edges = {(e.upstream, e.downstream) for e in graph.edges}
    assert ("create_model_input_table_node", "split_data_node") in edges  # across pipelines, by dataset
    assert ("preprocess_shuttles_node", "compare_passenger_capacity_exp") in edges
    assert graph.upstream_of("evaluate_model_node") == {
        "split_data_node", "train_model_node", "create_model_input_table_node", "preprocess_companies_node",
        "preprocess_shuttles_node", "split_data", "train_model", "create_model_input_table",
        "preprocess_companies", "preprocess_shuttles"}  # with each node's function name, an alias


def test_params_inputs_read_their_values_and_the_catalog_says_where_data_lives() -> None:
    [graph] = _read(_tree(PANDAS))
    split = graph.stages_named("split_data")[0]  # by its function's name too
    assert split.params == {k: v for k, v in graph.params.items() if k.startswith("model_options.")}
    assert graph.params["model_options.test_size"] == "0.2"
    assert graph.param_locators["model_options.random_state"] == "conf/base/parameters_data_science.yml#L3"
    assert split.inputs == ["data/03_primary/model_input_table.parquet"]  # params: are not datasets
    assert split.outputs == ["X_train", "X_test", "y_train", "y_test"]  # memory datasets keep their names
    train = graph.stages_named("train_model_node")[0]
    assert train.outputs == ["data/06_models/regressor.pickle"] and train.kind == "train_model"
    assert train.code == "src/spaceflights/pipelines/data_science/nodes.py#L26"  # `from .nodes import ...`
    assert train.locator == f"{DS}#L15"


def test_modular_pipelines_prefix_nodes_datasets_and_parameters_with_their_namespace() -> None:
    [graph] = _read(_tree(MODULAR))
    assert graph.unresolved == []
    names = graph.stage_names()
    assert names[:3] == ["data_processing.preprocess_companies_node", "data_processing.preprocess_shuttles_node",
                         "data_processing.create_model_input_table_node"]
    assert {"data_science.active_modelling_pipeline.split_data_node",
            "data_science.candidate_modelling_pipeline.split_data_node"} <= set(names)
    active = graph.stages_named("data_science.active_modelling_pipeline.train_model_node")[0]
    assert active.aliases == ["train_model_node", "train_model"]
    # the namespaced catalog entries match; mapped inputs (model_input_table) keep their names
    assert active.outputs == ["data/06_models/regressor_active.pickle"]
    split = graph.stages_named("data_science.candidate_modelling_pipeline.split_data_node")[0]
    assert split.inputs == ["data/03_primary/model_input_table.pq"]
    assert split.params["data_science.candidate_modelling_pipeline.model_options.random_state"] == "8"
    assert not any(k.startswith("data_science.active") for k in split.params)
    assert ("data_processing.create_model_input_table_node",
            "data_science.candidate_modelling_pipeline.split_data_node") in {(e.upstream, e.downstream)
                                                                              for e in graph.edges}
    # a stage the doc names by its bare node name is found through the alias
    assert len(graph.stages_named("split_data_node")) == 2


PIPELINE = '''from kedro.pipeline import Pipeline, node, pipeline

from .nodes import clean, train


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline([
        node(clean, "raw", "clean_data", name="clean_node"),
        node(train, ["clean_data", "params:model"], "model", name="train_node"),
    ])
'''


def test_an_explicit_registry_registers_only_the_pipelines_it_calls() -> None:
    files = {
        "src/pkg/pipeline_registry.py": "from kedro.pipeline import Pipeline\n"
        "from {{cookiecutter.python_package}}.pipelines import used as u\n\n\n"
        "def register_pipelines():\n    return {'__default__': u.create_pipeline()}\n",
        "src/pkg/pipelines/used/pipeline.py": PIPELINE,
        "src/pkg/pipelines/unused/pipeline.py": PIPELINE.replace("_node", "_unused"),
        "conf/base/parameters.yml": "model:\n  depth: 3\n",
    }
    [graph] = _read(files)
    assert graph.stage_names() == ["clean_node", "train_node"] and graph.unresolved == []
    assert graph.stages_named("train_node")[0].params == {"model.depth": "3"}


def test_what_cannot_be_resolved_is_said_and_no_stage_is_made_up() -> None:
    text = PIPELINE.replace(
        '        node(train, ["clean_data", "params:model"], "model", name="train_node"),\n',
        '        node(train, ["clean_data", "params:model"], "model", name=f"train_{kwargs[\'v\']}"),\n'
        '        *[node(train, f"in_{i}", f"out_{i}", name=f"n{i}") for i in range(3)],\n'
        '        node(train, **kwargs),\n')
    [graph] = _read({"pkg/pipeline.py": text})
    assert graph.stage_names() == ["clean_node"]
    assert len(graph.unresolved) == 3 and all(u.startswith("pkg/pipeline.py: ") for u in graph.unresolved)
    assert any("loop or comprehension" in u for u in graph.unresolved)
    assert any("`**`" in u for u in graph.unresolved)


def test_a_pipeline_built_from_a_helper_and_plus_is_followed() -> None:
    text = PIPELINE.replace("    return pipeline([", "    base = _nodes()\n    return base + pipeline([").replace(
        "def create_pipeline", "def _nodes():\n    return pipeline([node(clean, 'a', 'raw', name='load')])\n\n\n"
        "def create_pipeline")
    [graph] = _read({"pkg/pipeline.py": text})
    assert graph.stage_names() == ["load", "clean_node", "train_node"] and graph.unresolved == []
    assert ("load", "clean_node") in {(e.upstream, e.downstream) for e in graph.edges}


def test_shipped_pipelines_include_the_kedro_project_and_say_what_is_unresolved() -> None:
    files = {k: v.encode() for k, v in _tree(PANDAS).items()}
    graphs, problems = read_shipped_pipelines(MemorySnapshot(files), "head")
    assert [g.format for g in graphs] == ["kedro"] and problems == []
    broken = dict(files)
    broken[DS] = files[DS].replace(b'name="split_data_node"', b'name=NAME')
    graphs, problems = read_shipped_pipelines(MemorySnapshot(broken), "head")
    assert "split_data_node" not in graphs[0].stage_names()
    assert [p.what for p in problems] == ["src/spaceflights/pipeline_registry.py"]
    assert "node name" in problems[0].why and "computed" in problems[0].why


def test_variables_are_followed_and_a_variable_that_is_no_pipeline_costs_nothing() -> None:
    text = PIPELINE.replace("    return pipeline([", "    logger = get_logger(kwargs)\n    source = 'raw_v2'\n"
                            "    extra = pipeline([node(clean, 'a', source, name='load')])\n"
                            "    extra += pipeline([node(clean, 'b', 'c', name='more')])\n"
                            "    return extra + pipeline([")
    [graph] = _read({"pkg/pipeline.py": text})
    assert graph.stage_names() == ["load", "more", "clean_node", "train_node"] and graph.unresolved == []
    assert graph.stages_named("load")[0].outputs == ["raw_v2"]
    doubling = "".join(f"    p{i + 1} = p{i} + p{i}\n" for i in range(40))
    bomb = PIPELINE.replace("    return pipeline([", f"    p0 = pipeline([node(clean, 'a', 'b')])\n{doubling}"
                            "    return p40 + pipeline([")
    [graph] = _read({"pkg/pipeline.py": bomb})  # 2**40 nodes are not built: the reader says so instead
    assert graph.stage_names() == [] and len(graph.unresolved) == 1


def test_a_warm_read_parses_nothing_equals_the_cold_one_and_shares_nothing_mutable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content_cache, "_objects", Lru(100))  # a new process: nothing parsed yet
    files = _tree(MODULAR)
    cold = _read(files)
    expected = [graph.model_copy(deep=True) for graph in cold]

    def no_parse(path: str, text: str) -> NoReturn:
        raise AssertionError(f"{path} parsed again")

    # The registry, the pipeline modules and the node modules are remembered by content.
    monkeypatch.setattr(kedro, "_parse", no_parse)
    warm = _read(files)
    assert warm == expected and warm[0].stages and warm[0].stages[0].code
    # What one review does to its graphs reaches no other: each builds its own from what is remembered,
    # and that cannot be changed in place (the reader's AST rewriting works on copies, never on it).
    warm[0].stages[0].inputs.append("changed")
    warm[0].stages.pop()
    warm[0].params.clear()
    assert _read(files) == expected
    path = next(p for p in files if p.endswith("data_science/pipeline.py"))
    found = kedro._read_file(path, files[path])
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.nodes[0].name = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        found.nodes[0].inputs.append("changed")  # type: ignore[attr-defined]


def test_where_a_node_function_lives_is_found_per_tree_not_remembered_with_its_pipeline() -> None:
    files = _tree(PANDAS)
    nodes = "src/spaceflights/pipelines/data_science/nodes.py"
    _read(files)  # the pipeline module is remembered now
    moved = _read({**files, nodes: "\n\n" + files[nodes]})
    [train] = [s for s in moved[0].stages if s.name == "train_model_node"]
    assert train.code == f"{nodes}#L28"  # the function is two lines further down in this tree
    gone = _read({p: t for p, t in files.items() if p != nodes})
    assert [s.code for s in gone[0].stages if s.name == "train_model_node"] == [None]
