"""TFX pipelines read statically: components, their ids and aliases, and their dependencies."""

from __future__ import annotations

from custody.reviewer.gather.readers.tfx import read_tfx_python

PIPELINE = '''
from tfx import v1 as tfx
from tfx.components import CsvExampleGen, StatisticsGen, Trainer, Pusher

def build(root):
    gen = CsvExampleGen(input_base=root).with_id("LoadCsv")
    stats = StatisticsGen(examples=gen.outputs["examples"])
    trainer = Trainer(examples=gen.outputs["examples"], module_file="m.py").with_id("FitModel")
    trainer.add_upstream_node(stats)
    pusher = Pusher(model=trainer.outputs["model"])
    steps = [gen, stats, trainer]
    if root.startswith("gs://"):
        steps.append(pusher)
    return tfx.dsl.Pipeline(pipeline_name="p", pipeline_root=root, components=steps)
'''


def test_components_are_stages_named_by_their_id_with_aliases() -> None:
    (graph,) = read_tfx_python("pipes/train.py", PIPELINE, "head")
    assert graph.format == "tfx" and graph.name == "build"
    by_name = {s.name: s for s in graph.stages}
    assert list(by_name) == ["LoadCsv", "stats", "FitModel", "pusher"]
    assert by_name["LoadCsv"].aliases == ["gen", "CsvExampleGen"]
    assert by_name["stats"].aliases == ["StatisticsGen"]
    assert by_name["FitModel"].kind == "Trainer"
    assert by_name["LoadCsv"].locator == "pipes/train.py#L6"


def test_outputs_and_add_upstream_node_are_dependencies() -> None:
    (graph,) = read_tfx_python("pipes/train.py", PIPELINE, "head")
    edges = {(e.upstream, e.downstream) for e in graph.edges}
    assert edges == {("LoadCsv", "stats"), ("LoadCsv", "FitModel"), ("stats", "FitModel"), ("FitModel", "pusher")}


def test_a_file_that_builds_no_pipeline_has_no_graph() -> None:
    assert read_tfx_python("x.py", "from tfx.components import Trainer\nt = Trainer(module_file='m.py')\n",
                           "head") == []
