import os
from datetime import datetime

from include.tasks import split
from include.tasks.extract.cosmos_docs import extract_cosmos_docs

from airflow.decorators import dag, task
from airflow.providers.weaviate.operators.weaviate import WeaviateDocumentIngestOperator

ask_astro_env = os.environ.get("ASK_ASTRO_ENV", "dev")

_WEAVIATE_CONN_ID = f"weaviate_{ask_astro_env}"
WEAVIATE_CLASS = os.environ.get("WEAVIATE_CLASS", "DocsDev")

schedule_interval = os.environ.get("INGESTION_SCHEDULE", "0 5 * * 2") if ask_astro_env == "prod" else None


@dag(
    schedule=schedule_interval,
    start_date=datetime(2023, 9, 27),
    catchup=False,
    is_paused_upon_creation=True,
    default_args={"retries": 3, "retry_delay": 30},
)
def ask_astro_load_cosmos_docs():
    """
    Incremental load of the Cosmos docs. The initial load comes from ask_astro_load_bulk; pages
    that changed since are replaced by docLink.
    """
    split_docs = task(split.split_html).expand(dfs=[extract_cosmos_docs()])

    _import_data = WeaviateDocumentIngestOperator.partial(
        class_name=WEAVIATE_CLASS,
        existing="replace",
        document_column="docLink",
        batch_config_params={"batch_size": 1000},
        verbose=True,
        conn_id=_WEAVIATE_CONN_ID,
        task_id="load_cosmos_docs_to_weaviate",
    ).expand(input_data=[split_docs])


ask_astro_load_cosmos_docs()
