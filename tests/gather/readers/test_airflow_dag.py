"""Airflow DAG files read statically: operators, TaskFlow, chain helpers, task groups, mapping, several DAGs."""

from __future__ import annotations

from custody.reviewer.gather.readers.airflow_dag import read_airflow_dags
from custody.reviewer.model.evidence.pipeline import PipelineGraph


def _one(text: str) -> PipelineGraph:
    (graph,) = read_airflow_dags("dags/x.py", text, "head")
    return graph


def _edges(graph: PipelineGraph) -> set[tuple[str, str]]:
    return {(e.upstream, e.downstream) for e in graph.edges}


CLASSIC = """
from airflow import DAG
from airflow.operators.empty import EmptyOperator
from airflow.models.baseoperator import chain, cross_downstream

with DAG("classic", schedule=None) as dag:
    start = EmptyOperator(task_id="start")
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
    c = EmptyOperator(task_id="c")
    d = EmptyOperator(task_id="d")
    e = EmptyOperator(task_id="e")
    f = EmptyOperator(task_id="f")
    end = EmptyOperator(task_id="end")
    [a, b] << start
    chain(a, [c, d], e)
    cross_downstream([e], [f, end])
    b.set_downstream(end)
    f.set_upstream(b)
"""


def test_classic_operators_with_lists_chain_and_cross_downstream() -> None:
    graph = _one(CLASSIC)
    assert graph.name == "classic"
    assert _edges(graph) == {("start", "a"), ("start", "b"), ("a", "c"), ("a", "d"), ("c", "e"), ("d", "e"),
                             ("e", "f"), ("e", "end"), ("b", "end"), ("b", "f")}


def test_chain_pairs_two_lists_element_by_element() -> None:
    text = ("from airflow.sdk import DAG, chain\nfrom airflow.providers.standard.operators.empty import EmptyOperator"
            " as E\nwith DAG(dag_id='p'):\n" + "".join(f"    {n} = E(task_id='{n}')\n" for n in "abcd")
            + "    chain([a, b], [c, d])\n")
    assert _edges(_one(text)) == {("a", "c"), ("b", "d")}


TASKFLOW = """
from airflow.decorators import dag, task

@task
def extract() -> list:
    return [1, 2]

@dag(schedule="@daily")
def features():
    @task(task_id="clean_rows")
    def clean(rows):
        return rows

    @task.branch
    def choose(rows):
        return "train"

    @task
    def train(rows):
        pass

    @task
    def report(a, b):
        pass

    rows = clean(extract())
    choose(rows) >> train(rows)
    summary = report(a=rows, b=extract.override(task_id="extract_again")())
    def helper():
        pass

features()
"""


def test_taskflow_edges_come_from_passing_results_and_ids_from_overrides() -> None:
    graph = _one(TASKFLOW)
    assert graph.name == "features"
    assert graph.stage_names() == ["extract", "clean_rows", "choose", "train", "extract_again", "report"]
    assert _edges(graph) == {("extract", "clean_rows"), ("clean_rows", "choose"), ("clean_rows", "train"),
                             ("choose", "train"), ("clean_rows", "report"), ("extract_again", "report")}


MAPPED = """
from airflow.decorators import dag, task
from include import split, hook

@dag()
def load_docs():
    docs = task(split.fetch)(url="x")
    chunks = task(split.split_html).expand(dfs=[docs])
    task(hook.ingest_data, retries=3).partial(batch=10).expand(dfs=[chunks])
    Ingest.partial(task_id="ingest_other", conn="w").expand(input_data=[chunks])

load_docs()
"""


def test_task_of_a_callable_and_dynamic_mapping_are_stages() -> None:
    graph = _one(MAPPED)
    assert graph.stage_names() == ["fetch", "split_html", "ingest_data", "ingest_other"]
    assert "mapped" in (graph.stages[1].kind or "")
    assert _edges(graph) == {("fetch", "split_html"), ("split_html", "ingest_data"), ("split_html", "ingest_other")}


GROUPS = """
from airflow import DAG
from airflow.decorators import task, task_group
from airflow.utils.task_group import TaskGroup
from airflow.operators.bash import BashOperator

with DAG(dag_id="grouped") as dag:
    start = BashOperator(task_id="start", bash_command="true")
    with TaskGroup("extract") as extract:
        for source in ["orders", "users"]:
            BashOperator(task_id=f"pull_{source}", bash_command="true")

    @task_group(group_id="train")
    def training():
        @task
        def fit():
            return 1
        @task
        def score(m):
            return m
        return score(fit())

    done = BashOperator(task_id="done", bash_command="true")
    start >> extract >> training() >> done
"""


def test_task_groups_prefix_ids_and_connect_through_their_roots_and_leaves() -> None:
    graph = _one(GROUPS)
    assert graph.stage_names() == ["start", "extract.pull_orders", "extract.pull_users", "done", "train.fit",
                                   "train.score"]
    assert graph.stages[1].group == "extract" and graph.stages[1].aliases == ["pull_orders"]
    assert _edges(graph) == {("start", "extract.pull_orders"), ("start", "extract.pull_users"),
                             ("extract.pull_orders", "train.fit"), ("extract.pull_users", "train.fit"),
                             ("train.fit", "train.score"), ("train.score", "done")}
    assert "extract" in graph.upstream_of("done")


def test_one_graph_per_dag_and_module_level_dag_objects() -> None:
    text = """
from airflow import DAG
from airflow.operators.empty import EmptyOperator
dag = DAG("first")
a = EmptyOperator(task_id="a", dag=dag)
b = EmptyOperator(task_id="b", dag=dag)
a >> b
with DAG("second") as other:
    EmptyOperator(task_id="c") >> EmptyOperator(task_id="d")
"""
    first, second = read_airflow_dags("dags/two.py", text, "head")
    assert (first.name, _edges(first)) == ("first", {("a", "b")})
    assert (second.name, _edges(second)) == ("second", {("c", "d")})
    assert second.stages[0].locator == "dags/two.py#L9"


def test_a_taskflow_function_never_called_is_not_a_task() -> None:
    text = "from airflow.decorators import dag, task\n@task\ndef unused():\n    pass\n@dag\ndef d():\n    pass\nd()\n"
    assert read_airflow_dags("dags/d.py", text, "head") == []


def test_module_constants_lists_and_comprehensions_name_tasks() -> None:
    text = """
from airflow import DAG
from airflow.operators.empty import EmptyOperator
START = "begin"
SOURCES = ["orders", "users"]
with DAG("c") as dag:
    start = EmptyOperator(task_id=START)
    loads = [EmptyOperator(task_id=f"load_{s}") for s in SOURCES]
    for s in SOURCES:
        EmptyOperator(task_id=f"check_{s}")
    start >> loads
"""
    graph = _one(text)
    assert graph.stage_names() == ["begin", "load_orders", "load_users", "check_orders", "check_users"]
    assert _edges(graph) == {("begin", "load_orders"), ("begin", "load_users")}


def test_dag_params_default_args_and_task_values_are_shipped_parameters() -> None:
    text = """
from airflow import DAG
from airflow.decorators import task
from airflow.operators.python import PythonOperator
default_args = {"retries": 3, "owner": "ml"}
with DAG("scored", default_args=default_args, params={"threshold": 0.7, "window": {"days": 30}}) as dag:
    @task
    def score(limit, model):
        pass
    check = PythonOperator(task_id="check", python_callable=print, op_kwargs={"min_rows": 1000}, retries=1)
    check >> score(limit=50, model=check.output)
"""
    graph = _one(text)
    assert graph.params == {"threshold": "0.7", "window.days": "30", "default_args.retries": "3",
                            "default_args.owner": "ml", "check.min_rows": "1000", "check.retries": "1",
                            "score.limit": "50"}
    assert graph.param_locators["default_args.retries"] == "dags/x.py#L5"
    assert graph.param_locators["score.limit"] == "dags/x.py#L11"


def test_a_plain_function_that_builds_tasks_runs_where_it_is_called() -> None:
    text = """
from airflow import DAG
from airflow.operators.empty import EmptyOperator
def quality_gate(upstream, name="check"):
    check = EmptyOperator(task_id=name)
    upstream >> check
    return check

def unrelated(x):
    return x + 1

with DAG("gated") as dag:
    load = EmptyOperator(task_id="load")
    gate = quality_gate(load, name="validate")
    gate >> EmptyOperator(task_id="publish")
"""
    graph = _one(text)
    assert graph.stage_names() == ["load", "validate", "publish"]
    assert _edges(graph) == {("load", "validate"), ("validate", "publish")}


def test_a_recursive_helper_is_read_once() -> None:
    text = ("from airflow import DAG\nfrom airflow.operators.empty import EmptyOperator as E\n"
            "def grow(n):\n    E(task_id='leaf')\n    grow(n)\n    grow(n)\n    return grow(n)\n"
            "with DAG('r') as dag:\n    grow(1)\n")
    assert _one(text).stage_names() == ["leaf"]


def test_a_task_group_that_calls_itself_twice_ends() -> None:
    text = ("from airflow import DAG\nfrom airflow.decorators import task_group\n"
            "from airflow.operators.empty import EmptyOperator as E\n"
            "@task_group\ndef g():\n    g()\n    g()\n"
            "with DAG('r') as dag:\n    E(task_id='a')\n    g()\n")
    assert _one(text).stage_names() == ["a"]


IMPORTED_TASKS = """
from datetime import timedelta

from airflow.decorators import dag, task
from airflow.operators.empty import EmptyOperator
from include.tasks import split
from include.tasks.extract.wiki import extract_wiki_pages


@dag(schedule=None)
def load_wiki():
    pages = task(split.split_html).expand(dfs=[extract_wiki_pages()])
    done = EmptyOperator(task_id="done", execution_timeout=timedelta(minutes=5))
    pages >> done


load_wiki()
"""


def test_a_task_defined_in_another_project_module_is_a_stage_but_library_calls_are_not() -> None:
    graph = _one(IMPORTED_TASKS)
    assert set(graph.stage_names()) == {"extract_wiki_pages", "split_html", "done"}
    assert ("extract_wiki_pages", "split_html") in _edges(graph)
