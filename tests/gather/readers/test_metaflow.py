"""Metaflow flows read statically: steps, `self.next` edges, parameters and the run options they declare."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from custody.reviewer.gather import content_cache
from custody.reviewer.gather.content_cache import Lru
from custody.reviewer.gather.readers import metaflow
from custody.reviewer.gather.readers.metaflow import read_metaflow

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ml" / "metaflow"
SCHOOL = FIXTURES / "ml-school-7b02278"
PATHS = ["src/common/pipeline.py", "src/pipelines/monitoring.py", "src/pipelines/traffic.py"]


def _read(path: str) -> str | None:
    file = SCHOOL / path
    return file.read_text() if file.is_file() else None


def test_a_flow_has_its_steps_edges_parameters_and_options() -> None:
    text = (FIXTURES / "metaflow-tutorials-9770c473b" / "playlist.py").read_text()
    [graph] = read_metaflow("tutorials/playlist.py", text, "head", ["tutorials/playlist.py"], lambda p: None)
    assert graph.name == "PlayListFlow" and graph.format == "metaflow"
    assert graph.stage_names() == ["start", "bonus_movie", "genre_movies", "join", "end"]
    assert {(e.upstream, e.downstream) for e in graph.edges} == {
        ("start", "bonus_movie"), ("start", "genre_movies"), ("bonus_movie", "join"), ("genre_movies", "join"),
        ("join", "end")}
    assert graph.params == {"genre": "Sci-Fi", "recommendations": "5"}  # movie_data's default is computed
    assert graph.options == ["genre", "movie_data", "recommendations"]
    assert graph.param_locators["genre"].startswith("tutorials/playlist.py#L")


def test_an_option_is_named_by_the_parameter_not_by_the_attribute() -> None:
    [graph] = read_metaflow("src/pipelines/monitoring.py", _read("src/pipelines/monitoring.py") or "", "head",
                            PATHS, _read)
    assert graph.params["samples"] == "500" and "limit" not in graph.params
    # the base flow in src/common/pipeline.py is followed through `from common.pipeline import Pipeline`;
    # its mutator only adds step decorators and @project is Metaflow's, so every option is known
    assert graph.options == ["backend", "dataset", "mlflow-tracking-uri", "samples"]


def test_options_are_unknown_when_a_base_class_cannot_be_read() -> None:
    [graph] = read_metaflow("src/pipelines/monitoring.py", _read("src/pipelines/monitoring.py") or "", "head",
                            ["src/pipelines/monitoring.py"], _read)
    assert graph.options is None
    assert graph.stage_names()[0] == "start"


def test_options_are_unknown_when_a_decorator_of_the_repository_may_add_parameters() -> None:
    base = (_read("src/common/pipeline.py") or "").replace(
        'step.add_decorator("logging", duplicates=step.IGNORE)',
        'step.add_decorator("logging", duplicates=step.IGNORE)\n        mutable_flow.add_parameter("limit", None)')

    def read(path: str) -> str | None:
        return base if path == "src/common/pipeline.py" else _read(path)

    [graph] = read_metaflow("src/pipelines/monitoring.py", read("src/pipelines/monitoring.py") or "", "head",
                            PATHS, read)
    assert graph.options is None


def test_a_base_flow_without_a_start_step_and_other_python_are_not_flows() -> None:
    assert read_metaflow("src/common/pipeline.py", _read("src/common/pipeline.py") or "", "head", PATHS, _read) == []
    assert read_metaflow("x.py", "import os\n", "head", ["x.py"], lambda p: None) == []


def test_a_warm_read_parses_nothing_equals_the_cold_one_and_shares_nothing_mutable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content_cache, "_objects", Lru(100))  # a new process: nothing parsed yet
    path = "src/pipelines/monitoring.py"
    text = _read(path) or ""
    cold = read_metaflow(path, text, "head", PATHS, _read)
    expected = [graph.model_copy(deep=True) for graph in cold]

    def no_parse(text: str, path: str) -> None:
        raise AssertionError(f"{path} parsed again")

    # The flow's module and its base flow's (src/common/pipeline.py) are remembered by content.
    monkeypatch.setattr(metaflow, "parse_python", no_parse)
    warm = read_metaflow(path, text, "head", PATHS, _read)
    assert warm == expected and warm[0].options == ["backend", "dataset", "mlflow-tracking-uri", "samples"]
    # What one review does to its graphs reaches no other: each read builds its own from the remembered
    # module, and that cannot be changed in place.
    warm[0].stages.clear()
    warm[0].params["samples"] = "1"
    assert read_metaflow(path, text, "head", PATHS, _read) == expected
    module = metaflow._module(text, path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        module.classes[0].name = "Other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        module.classes[0].steps.append(module.classes[0].steps[0])  # type: ignore[attr-defined]
