"""Every DAG in dags/ imports, has retries and is paused on creation."""
import os

import pytest
from airflow.models import DagBag

DAGS_DIR = os.path.join(os.path.dirname(__file__), "..", "dags")


@pytest.fixture(scope="session")
def dag_bag():
    return DagBag(dag_folder=DAGS_DIR, include_examples=False)


def test_no_import_errors(dag_bag):
    assert dag_bag.import_errors == {}


def test_ingestion_dags_are_paused_and_retry(dag_bag):
    for dag_id, dag in dag_bag.dags.items():
        if dag_id.startswith("ask_astro_load"):
            assert dag.is_paused_upon_creation
            assert dag.default_args.get("retries", 0) >= 1
