"""Junk shaped like foreach/matrix/vars stages, Argo workflows, DAG Python and contracts: an answer, never a crash."""

from __future__ import annotations

import yaml
from custody.reviewer.gather.readers.contracts import read_contracts
from custody.reviewer.gather.readers.pipelines import read_deployed_files, read_shipped_pipelines
from custody.reviewer.gather.snapshot import MemorySnapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet="${}.[]@ab01-_/", max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(alphabet="ab_.$", max_size=6),
                                                                     children, max_size=4),
    max_leaves=30)
KEYS = ("foreach", "do", "matrix", "cmd", "deps", "outs", "params", "vars", "wdir")
stage = st.fixed_dictionaries({}, optional={k: values for k in KEYS})
dvc = st.fixed_dictionaries({"stages": st.dictionaries(st.text(alphabet="abc@", min_size=1, max_size=4), stage,
                                                       max_size=4)}, optional={"vars": values})
argo = st.fixed_dictionaries({"kind": st.just("Workflow"), "apiVersion": st.just("argoproj.io/v1alpha1")},
                             optional={"spec": values, "metadata": values})
python = st.lists(st.sampled_from([
    "from airflow.decorators import dag, task, task_group\n", "from kfp import dsl\n", "@task\n", "@dag\n",
    "@dsl.pipeline\n", "@task_group\n", "def f(x=1):\n", "    a = f(b)\n", "    a >> [b, c]\n", "    chain(a, b)\n",
    "    t = task(g).partial(x=a).expand(y=[b])\n", "with TaskGroup('g') as g:\n", "    pass\n", "    return a\n",
    "    for s in ['x', 'y']:\n", "        Op(task_id=f'{s}')\n", "f()\n", "    c.after(a).set_display_name('n')\n",
]), max_size=25).map("".join)


@FUZZ
@given(dvc=dvc.map(yaml.safe_dump), params=values.map(yaml.safe_dump), argo=argo.map(yaml.safe_dump), py=python)
def test_pipeline_readers_answer_junk(dvc: str, params: str, argo: str, py: str) -> None:
    snapshot = MemorySnapshot({"dvc.yaml": dvc.encode(), "params.yaml": params.encode(),
                               "kfp/compiled.yaml": argo.encode(),
                               "dags/pipeline_dag.py": f"DAG\nkfp pipeline\n{py}".encode()})
    graphs, problems = read_shipped_pipelines(snapshot, "head")
    assert all(g.where == "head" for g in graphs) and all(p.why for p in problems)


@FUZZ
@given(contract=st.fixed_dictionaries({"dataContractSpecification": st.just("1.1.0")},
                                      optional={"models": values, "servers": values, "info": values}),
       odcs=st.fixed_dictionaries({"kind": st.just("DataContract")},
                                  optional={"dataset": values, "schema": values, "servers": values}))
def test_contract_readers_answer_junk(contract: dict[str, object], odcs: dict[str, object]) -> None:
    snapshot = MemorySnapshot({"contracts/a.datacontract.yaml": yaml.safe_dump(contract).encode(),
                               "contracts/b.odcs.yaml": yaml.safe_dump(odcs).encode()})
    contracts, problems = read_contracts(snapshot, ["contracts/**"])
    assert all(c.path.startswith("contracts/") for c in contracts) and all(p.why for p in problems)


@FUZZ
@given(events=st.lists(values, max_size=5))
def test_lineage_events_answer_junk(events: list[object]) -> None:
    import json

    files = [(f"deployed/{i}.json", json.dumps(e).encode()) for i, e in enumerate(events)]
    graphs, skipped = read_deployed_files(files)
    assert all(g.where == "deployed" for g in graphs) and len(skipped) <= len(files) + 1
