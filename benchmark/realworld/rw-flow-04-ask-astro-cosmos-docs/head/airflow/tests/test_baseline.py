"""The bulk DAG can be parsed with a seeded baseline and branches to import_baseline."""
import importlib.util
import pathlib

BULK = pathlib.Path(__file__).parents[1] / "dags" / "ingestion" / "ask-astro-load.py"


def test_bulk_dag_tasks():
    spec = importlib.util.spec_from_file_location("ask_astro_load", BULK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dag = module.ask_astro_load_bulk()
    assert "import_baseline" in dag.task_ids
    assert "split_html" in dag.task_ids
    assert "extract_astro_cli_docs" in dag.task_ids
    assert "get_cached_or_extract_cosmos_docs" in dag.task_ids
