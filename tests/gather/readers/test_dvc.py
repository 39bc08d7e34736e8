"""dvc.yaml as DVC expands it: foreach, matrix, vars, interpolation, directory outputs, per-stage params."""

from __future__ import annotations

from custody.reviewer.gather.readers.dvc import interpolate, read_dvc_pipeline
from custody.reviewer.gather.readers.pipelines import read_shipped_pipelines
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence.pipeline import PipelineGraph


def _read(dvc: str, files: dict[str, str] | None = None, path: str = "dvc.yaml") -> PipelineGraph:
    files = files or {}
    graph, problems = read_dvc_pipeline(path, dvc, "head", files.get)
    assert problems == {}
    return graph


def _edges(graph: PipelineGraph) -> set[tuple[str, str]]:
    return {(e.upstream, e.downstream) for e in graph.edges}


FOREACH_LIST = """
stages:
  prepare:
    foreach: [train, val]
    do:
      cmd: python prep.py ${item}
      deps: ['raw/${item}']
      outs: ['data/prepared/${item}']
  fit:
    cmd: python fit.py
    deps:
      - data/prepared/train/part-0.csv
    outs: [model.pkl]
"""


def test_foreach_list_is_named_stage_at_item_and_directory_outs_feed_files_inside() -> None:
    graph = _read(FOREACH_LIST)
    assert graph.stage_names() == ["prepare@train", "prepare@val", "fit"]
    assert _edges(graph) == {("prepare@train", "fit")}
    assert graph.stages[0].group == "prepare" and graph.stages[0].kind == "python prep.py train"
    assert graph.stages[1].inputs == ["raw/val"]
    assert "prepare" in graph.group_names() and "prepare@val" in graph.stage_names()


def test_foreach_dict_uses_keys_and_item_fields_and_per_key_params() -> None:
    dvc = """
stages:
  predict:
    foreach: ${models}
    do:
      cmd: predict --model ${key} --conf ${item.conf}
      params:
        - models.${key}.conf
      outs: ['out/${key}']
  report:
    foreach:
      a: {split: train}
      b: {split: val}
    do:
      cmd: report ${item.split}
      deps: [out/small/preds.json]
"""
    params = "models:\n  small:\n    conf: 0.05\n  large:\n    conf: 0.35\n"
    graph = _read(dvc, {"params.yaml": params})
    assert graph.stage_names() == ["predict@small", "predict@large", "report@a", "report@b"]
    small = graph.stages[0]
    assert small.kind == "predict --model small --conf 0.05"
    assert small.params == {"models.small.conf": "0.05", "model": "small", "conf": "0.05"}
    assert graph.stages[2].kind == "report train"
    assert _edges(graph) == {("predict@small", "report@a"), ("predict@small", "report@b")}
    assert graph.params["models.large.conf"] == "0.35"


def test_matrix_names_join_values_with_dashes() -> None:
    dvc = """
stages:
  export:
    matrix:
      format: [onnx, ncnn]
      device: [cpu, mps]
    cmd: export --format ${item.format} --device ${item.device}
    outs: ['./exports/${item.format}/${item.device}/']
  bundle:
    cmd: zip
    deps: [exports]
"""
    graph = _read(dvc)
    assert graph.stage_names()[:4] == ["export@onnx-cpu", "export@onnx-mps", "export@ncnn-cpu", "export@ncnn-mps"]
    assert graph.stages[1].outputs == ["exports/onnx/mps"]
    # a dependency on a directory that holds another stage's output depends on that stage
    assert ("export@ncnn-mps", "bundle") in _edges(graph)
    assert graph.upstream_of("bundle") >= {"export@onnx-cpu", "export"}


def test_vars_inline_and_from_files_and_params_file_dict_form() -> None:
    dvc = """
vars:
  - seed: 7
    paths: {data: data/v2}
  - config/train.yaml:train
stages:
  train:
    cmd: train --seed ${seed} --lr ${train.lr} --data ${paths.data}
    deps: ['${paths.data}']
    params:
      - config/train.yaml:
          - train.lr
      - custom.json:
  evaluate:
    cmd: eval --threshold ${evaluate.threshold}
"""
    files = {"config/train.yaml": "train:\n  lr: 0.01\n  epochs: 3\nother: 1\n",
             "custom.json": '{"window": {"days": 30}}',
             "params.yaml": "evaluate:\n  threshold: 0.8\n"}
    graph = _read(dvc, files)
    train, evaluate = graph.stages
    assert train.kind == "train --seed 7 --lr 0.01 --data data/v2"
    assert train.inputs == ["data/v2"]
    assert train.params == {"train.lr": "0.01", "window.days": "30", "seed": "7", "lr": "0.01", "data": "data/v2"}
    # a parameter interpolated into a command from params.yaml is a parameter of that stage
    assert evaluate.params == {"evaluate.threshold": "0.8", "threshold": "0.8"}
    assert graph.params["evaluate.threshold"] == "0.8" and graph.params["train.epochs"] == "3"


def test_nested_dvc_yaml_resolves_paths_and_params_beside_it() -> None:
    dvc = ("stages:\n  a:\n    cmd: x ${p.n}\n    outs: [../common/o]\n"
           "  b:\n    wdir: sub\n    cmd: y\n    deps: [../../common/o]\n")
    graph = _read(dvc, {"exp/one/params.yaml": "p:\n  n: 4\n"}, path="exp/one/dvc.yaml")
    assert graph.stages[0].outputs == ["exp/common/o"]
    assert graph.stages[1].inputs == ["exp/common/o"]
    assert _edges(graph) == {("a", "b")}
    assert graph.stages[0].kind == "x 4"


def test_unresolvable_foreach_stays_one_stage_and_bad_params_are_reported() -> None:
    graph, problems = read_dvc_pipeline("dvc.yaml", "stages:\n  s:\n    foreach: ${nope}\n    do: {cmd: x}\n", "head",
                                        {"params.yaml": "a: ["}.get)
    assert graph.stage_names() == ["s"]
    assert "params.yaml" in problems


def test_interpolation_keeps_whole_values_and_unknown_names() -> None:
    context = {"xs": [1, 2], "m": {"k": True}}
    assert interpolate("${xs}", context) == [1, 2]
    assert interpolate("a ${m.k} ${xs[1]} ${missing}", context) == "a true 2 ${missing}"


def test_shipped_pipelines_read_params_files_from_the_snapshot() -> None:
    snapshot = MemorySnapshot({"ml/dvc.yaml": b"stages:\n  t:\n    cmd: x\n    params: [train.lr]\n",
                               "ml/params.yaml": b"train:\n  lr: 0.2\n"})
    (graph,), problems = read_shipped_pipelines(snapshot, "head")
    assert problems == []
    assert graph.stages[0].params == {"train.lr": "0.2"} and graph.params == {"train.lr": "0.2"}


def test_each_parameter_knows_the_file_and_line_that_sets_it() -> None:
    dvc = "stages:\n  t:\n    cmd: x\n    params:\n      - train.lr\n      - conf/extra.yaml:\n          - eval.k\n"
    files = {"ml/params.yaml": "prep:\n  lr: 9\ntrain:\n  # the rate\n  lr: 0.1\n",
             "ml/conf/extra.yaml": "eval:\n  k: 5\n"}
    graph = _read(dvc, files, path="ml/dvc.yaml")
    assert graph.param_locators["train.lr"] == "ml/params.yaml#L5"
    assert graph.param_locators["prep.lr"] == "ml/params.yaml#L2"
    assert graph.param_locators["eval.k"] == "ml/conf/extra.yaml#L2"


def test_params_files_listed_at_the_top_are_shipped_parameters() -> None:
    graph = _read("params:\n  - conf/serve.yaml\nstages:\n  s:\n    cmd: x\n", {"conf/serve.yaml": "threshold: 0.4\n"})
    assert graph.params == {"threshold": "0.4"} and graph.param_locators["threshold"] == "conf/serve.yaml#L1"


def test_command_line_flags_are_values_the_stage_fixes() -> None:
    dvc = ("stages:\n  sub:\n    cmd:\n      - python build.py --sampling-ratio 0.05 --verbose --seed=7 --shift -1\n"
           "      - python train.py --data '${missing}' --epochs ${train.epochs}\n    params: [train.epochs]\n")
    (stage,) = _read(dvc, {"params.yaml": "train:\n  epochs: 3\n"}).stages
    assert stage.params == {"train.epochs": "3", "sampling_ratio": "0.05", "seed": "7", "shift": "-1", "epochs": "3"}


def test_stage_vars_may_name_some_keys_of_a_file() -> None:
    dvc = "stages:\n  s:\n    vars:\n      - conf.yaml:a\n    cmd: run ${a.x} ${b.y}\n"
    (stage,) = _read(dvc, {"conf.yaml": "a: {x: 1}\nb: {y: 2}\n"}).stages
    assert stage.kind == "run 1 ${b.y}"
