from __future__ import annotations

import datetime
import json
import logging
import os
from pathlib import Path

import pandas as pd
from include.tasks import split
from include.tasks.extract import airflow_docs, astro_cli_docs, blogs, github
from include.tasks.extract.astro_sdk_docs import extract_astro_sdk_docs
from include.tasks.extract.astronomer_providers_docs import extract_provider_docs
from include.tasks.extract.utils.weaviate.ask_astro_weaviate_hook import AskAstroWeaviateHook

from airflow.decorators import dag, task

seed_baseline_url = None
ask_astro_env = os.environ.get("ASK_ASTRO_ENV", "dev")

_WEAVIATE_CONN_ID = f"weaviate_{ask_astro_env}"
_GITHUB_CONN_ID = "github_ro"
WEAVIATE_CLASS = os.environ.get("WEAVIATE_CLASS", "DocsDev")

ask_astro_weaviate_hook = AskAstroWeaviateHook(_WEAVIATE_CONN_ID)

markdown_docs_sources = [
    {"doc_dir": "learn", "repo_base": "astronomer/docs"},
    {"doc_dir": "astro", "repo_base": "astronomer/docs"},
    {"doc_dir": "", "repo_base": "OpenLineage/docs"},
    {"doc_dir": "", "repo_base": "OpenLineage/OpenLineage"},
]
issues_docs_sources = ["apache/airflow"]

blog_cutoff_date = datetime.date(2023, 1, 19)
airflow_docs_base_url = "https://airflow.apache.org/docs/"

default_args = {"retries": 3, "retry_delay": 30}
logger = logging.getLogger("airflow.task")


def _cached(parquet_path: str, extract) -> list[pd.DataFrame]:
    """Read the point-in-time extract if it exists, otherwise extract and keep it."""
    try:
        return [pd.read_parquet(parquet_path)]
    except Exception:
        df = extract()[0]
        df.to_parquet(parquet_path)
        return [df]


@dag(
    schedule_interval=None,
    start_date=datetime.datetime(2023, 9, 27),
    catchup=False,
    is_paused_upon_creation=True,
    default_args=default_args,
)
def ask_astro_load_bulk():
    """
    Initial (or full re-) load of every source into Weaviate.

    With seed_baseline_url set, a pre-embedded parquet baseline is imported. Otherwise every source
    is extracted (from the parquet cache under include/data/ when present), split by format and
    ingested.
    """

    @task
    def get_schema_and_process(schema_file: str) -> list:
        class_objects = json.loads(Path(schema_file).read_text())
        class_objects["classes"][0].update({"class": WEAVIATE_CLASS})
        return class_objects["classes"]

    @task.branch
    def check_schema(class_objects: list) -> list[str]:
        if ask_astro_weaviate_hook.check_schema(class_objects=class_objects):
            return ["check_seed_baseline"]
        return ["create_schema"]

    @task(trigger_rule="none_failed")
    def create_schema(class_objects: list, existing: str = "ignore") -> None:
        ask_astro_weaviate_hook.create_schema(class_objects=class_objects, existing=existing)

    @task.branch(trigger_rule="none_failed")
    def check_seed_baseline(seed_baseline_url: str = None) -> str | set:
        if seed_baseline_url is not None:
            return "import_baseline"
        return {
            "extract_github_markdown",
            "extract_github_issues",
            "extract_astro_blogs",
            "extract_airflow_docs",
            "extract_astro_cli_docs",
            "extract_astro_sdk_doc",
            "extract_astro_provider_doc",
        }

    @task(trigger_rule="none_failed")
    def extract_github_markdown(source: dict):
        parquet_file = f"include/data/{source['repo_base']}/{source['doc_dir']}.parquet"
        return _cached(parquet_file, lambda: [github.extract_github_markdown(source, _GITHUB_CONN_ID)])[0]

    @task(trigger_rule="none_failed")
    def extract_github_issues(repo_base: str):
        parquet_file = f"include/data/{repo_base}/issues.parquet"
        return _cached(parquet_file, lambda: [github.extract_github_issues(repo_base, _GITHUB_CONN_ID)])[0]

    @task(trigger_rule="none_failed")
    def extract_astro_blogs():
        return _cached("include/data/astronomer/blogs/astro_blogs.parquet",
                       lambda: blogs.extract_astro_blogs(blog_cutoff_date))

    @task(trigger_rule="none_failed")
    def extract_airflow_docs():
        return _cached("include/data/apache/airflow/docs.parquet",
                       lambda: airflow_docs.extract_airflow_docs(airflow_docs_base_url))

    @task(trigger_rule="none_failed")
    def extract_astro_cli_docs():
        return _cached("include/data/astronomer/docs/astro-cli.parquet", astro_cli_docs.extract_astro_cli_docs)

    @task(trigger_rule="none_failed")
    def extract_astro_sdk_doc():
        return _cached("include/data/astronomer/docs/astro-sdk.parquet", extract_astro_sdk_docs)

    @task(trigger_rule="none_failed")
    def extract_astro_provider_doc():
        return _cached("include/data/astronomer/docs/astro-provider.parquet", extract_provider_docs)

    md_docs = extract_github_markdown.expand(source=markdown_docs_sources)
    issues_docs = extract_github_issues.expand(repo_base=issues_docs_sources)
    blogs_docs = extract_astro_blogs()
    _airflow_docs = extract_airflow_docs()
    _astro_cli_docs = extract_astro_cli_docs()
    _extract_astro_sdk_docs = extract_astro_sdk_doc()
    _extract_astro_providers_docs = extract_astro_provider_doc()

    _get_schema = get_schema_and_process(schema_file="include/data/schema.json")
    _check_schema = check_schema(class_objects=_get_schema)
    _create_schema = create_schema(class_objects=_get_schema)
    _check_seed_baseline = check_seed_baseline(seed_baseline_url=seed_baseline_url)

    markdown_tasks = [md_docs, issues_docs, blogs_docs]
    html_tasks = [_airflow_docs, _astro_cli_docs, _extract_astro_sdk_docs, _extract_astro_providers_docs]

    split_md_docs = task(split.split_markdown).expand(dfs=markdown_tasks)
    split_html_docs = task(split.split_html).expand(dfs=html_tasks)

    _import_data = (
        task(ask_astro_weaviate_hook.ingest_data, retries=10)
        .partial(
            class_name=WEAVIATE_CLASS,
            existing="skip",
            doc_key="docLink",
            batch_params={"batch_size": 1000},
            verbose=True,
        )
        .expand(dfs=[split_md_docs, split_html_docs])
    )

    _import_baseline = task(ask_astro_weaviate_hook.import_baseline, trigger_rule="none_failed")(
        seed_baseline_url=seed_baseline_url,
        class_name=WEAVIATE_CLASS,
        existing="error",
        doc_key="docLink",
        uuid_column="id",
        vector_column="vector",
        batch_params={"batch_size": 1000},
        verbose=True,
    )

    _check_schema >> [_check_seed_baseline, _create_schema]

    _create_schema >> markdown_tasks + html_tasks + [_check_seed_baseline]

    _check_seed_baseline >> markdown_tasks + html_tasks + [_import_baseline]


ask_astro_load_bulk()
