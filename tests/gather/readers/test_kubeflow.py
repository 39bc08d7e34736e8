"""Kubeflow: compiled v2 IR with condition and loop sub-DAGs, parameter defaults; Python pipelines read with ast."""

from __future__ import annotations

import json

from custody.reviewer.gather.readers.kubeflow import looks_like_compiled_spec, read_kfp_python, read_kubeflow
from custody.reviewer.gather.readers.pipelines import read_shipped_pipelines
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence.pipeline import PipelineGraph

SPEC = """
# PIPELINE DEFINITION
components:
  comp-condition-1:
    dag:
      tasks:
        deploy:
          componentRef: {name: comp-deploy}
          taskInfo: {name: deploy-model}
        notify:
          componentRef: {name: comp-notify}
          dependentTasks: [deploy]
          taskInfo: {name: notify}
  comp-for-loop-2:
    dag:
      tasks:
        score:
          componentRef: {name: comp-score}
          inputs:
            parameters:
              segment: {componentInputParameter: pipelinechannel--loop-item}
              batch: {runtimeValue: {constant: 64}}
          taskInfo: {name: score-segment}
  comp-train: {executorLabel: exec-train}
pipelineInfo:
  name: churn-training
root:
  dag:
    tasks:
      train:
        componentRef: {name: comp-train}
        taskInfo: {name: train}
      condition-1:
        componentRef: {name: comp-condition-1}
        dependentTasks: [train]
        triggerPolicy: {condition: "inputs.parameter_values['pipelinechannel--train-auc'] >= 0.8"}
        taskInfo: {name: condition-1}
      for-loop-2:
        componentRef: {name: comp-for-loop-2}
        dependentTasks: [train]
        taskInfo: {name: for-loop-2}
      report:
        componentRef: {name: comp-report}
        dependentTasks: [condition-1, for-loop-2]
        taskInfo: {name: report}
  inputDefinitions:
    parameters:
      min_auc: {defaultValue: 0.8, parameterType: NUMBER_DOUBLE}
      epochs: {defaultValue: 10.0, parameterType: NUMBER_INTEGER}
      columns: {defaultValue: {id: string}, parameterType: STRUCT}
      bucket: {parameterType: STRING}
schemaVersion: 2.1.0
"""


def _edges(graph: PipelineGraph) -> set[tuple[str, str]]:
    return {(e.upstream, e.downstream) for e in graph.edges}


def test_condition_and_loop_tasks_are_stages_and_a_dependency_on_a_sub_dag_is_on_its_tasks() -> None:
    graph = read_kubeflow("ml/train.yaml", SPEC, "head")
    assert graph.name == "churn-training"
    assert sorted(graph.stage_names()) == ["deploy-model", "notify", "report", "score-segment", "train"]
    assert _edges(graph) == {("train", "deploy-model"), ("deploy-model", "notify"), ("train", "score-segment"),
                             ("deploy-model", "report"), ("notify", "report"), ("score-segment", "report")}
    assert graph.params == {"min_auc": "0.8", "epochs": "10", "columns.id": "string"}
    assert graph.param_locators["columns.id"] == "ml/train.yaml#/root/inputDefinitions/parameters/columns"
    score = next(s for s in graph.stages if s.name == "score-segment")
    assert score.params == {"batch": "64"} and score.aliases == ["score"]
    assert score.locator == "ml/train.yaml#/components/comp-for-loop-2/dag/tasks/score"


def test_a_compiled_spec_is_found_by_content_and_in_a_pipeline_job_json() -> None:
    assert looks_like_compiled_spec(SPEC) and not looks_like_compiled_spec("stages:\n  a: {cmd: x}\n")
    root = {"dag": {"tasks": {"a": {"taskInfo": {"name": "a"}}}}}
    job = json.dumps({"displayName": "run", "pipelineSpec": {"pipelineInfo": {"name": "p"}, "components": {},
                                                             "root": root}})
    snapshot = MemorySnapshot({"pipelines/compiled/train.yaml": SPEC.encode(), "pipelines/job.json": job.encode(),
                               "pipelines/values.yaml": b"pipelineInfo: 1\n"})
    graphs, problems = read_shipped_pipelines(snapshot, "head")
    assert sorted(g.name for g in graphs) == ["churn-training", "p"]
    assert problems == []


DSL = '''
from kfp import dsl
from kfp.dsl import If, ParallelFor
from myproject.components import load_data, train_model

@dsl.component(base_image="python:3.11")
def evaluate(model: dsl.Input[dsl.Model]) -> float:
    return 0.9

@dsl.component
def deploy(model: dsl.Input[dsl.Model]):
    pass

def helper(x):
    return x

@dsl.pipeline(name="fraud-train")
def pipeline(threshold: float = 0.8, data: str = "gs://x"):
    data_task = load_data(uri=helper(data)).set_display_name("Load data")
    trained = train_model(data=data_task.outputs["dataset"]).set_caching_options(False)
    metrics = evaluate(model=trained.output)
    with If(metrics.output >= threshold):
        deploy(model=trained.outputs["model"])
    with ParallelFor(["a", "b"]) as seg:
        evaluate(model=trained.output).after(metrics)
'''


def test_python_pipeline_stages_are_named_as_the_compiler_names_them() -> None:
    (graph,) = read_kfp_python("pipelines/train.py", DSL, "head")
    assert graph.name == "fraud-train"
    assert graph.stage_names() == ["Load data", "train-model", "evaluate", "deploy", "evaluate-2"]
    assert _edges(graph) == {("Load data", "train-model"), ("train-model", "evaluate"), ("evaluate", "deploy"),
                             ("train-model", "deploy"), ("train-model", "evaluate-2"), ("evaluate", "evaluate-2")}
    assert graph.params == {"threshold": "0.8", "data": "gs://x"}
    assert graph.param_locators["threshold"] == "pipelines/train.py#L18"
    assert graph.stages[0].locator == "pipelines/train.py#L19" and graph.stages[0].aliases == ["load-data"]


ARGO = """apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: taxi-training-
spec:
  entrypoint: taxi-training
  arguments:
    parameters:
    - {name: epochs, value: '5'}
  templates:
  - name: taxi-training
    dag:
      tasks:
      - {name: preprocess, template: preprocess}
      - {name: train, template: train, dependencies: [preprocess]}
      - {name: condition-1, template: condition-1, dependencies: [train]}
      - {name: report, template: report, depends: "condition-1.Succeeded || train"}
  - name: condition-1
    dag:
      tasks:
      - {name: deploy, template: deploy}
  - name: preprocess
    container: {image: x}
    metadata:
      annotations: {pipelines.kubeflow.org/task_display_name: Preprocess data}
  - {name: train, container: {image: x}}
  - {name: deploy, container: {image: x}}
  - {name: report, container: {image: x}}
"""


def test_a_kfp_v1_argo_workflow_is_a_graph_too() -> None:
    assert looks_like_compiled_spec(ARGO)
    graph = read_kubeflow("pipelines/taxi.yaml", ARGO, "head")
    assert graph.name == "taxi-training" and graph.params == {"epochs": "5"}
    assert graph.stage_names() == ["Preprocess data", "train", "deploy", "report"]
    assert _edges(graph) == {("Preprocess data", "train"), ("train", "deploy"), ("deploy", "report"),
                             ("train", "report")}


def test_kfp_v1_container_ops_are_named_by_their_name() -> None:
    text = ("import kfp.dsl as dsl\n@dsl.pipeline(name='v1')\ndef p():\n"
            "    a = dsl.ContainerOp(name='extract', image='x')\n"
            "    b = dsl.ContainerOp(name='train', image='x', arguments=[a.output])\n")
    (graph,) = read_kfp_python("kfp/v1.py", text, "head")
    assert _edges(graph) == {("extract", "train")}


def test_literal_arguments_of_a_step_are_its_parameters() -> None:
    text = ("from kfp import dsl\nfrom comps.components import evaluate\n@dsl.pipeline\ndef p(x: int = 1):\n"
            "    evaluate(min_auc=0.8, model=x, name='m')\n")
    (graph,) = read_kfp_python("kfp/p.py", text, "head")
    assert graph.stages[0].params == {"min_auc": "0.8", "name": "m"}
    assert graph.params == {"x": "1", "evaluate.min_auc": "0.8", "evaluate.name": "m"}
    assert graph.param_locators["evaluate.min_auc"] == "kfp/p.py#L5"
