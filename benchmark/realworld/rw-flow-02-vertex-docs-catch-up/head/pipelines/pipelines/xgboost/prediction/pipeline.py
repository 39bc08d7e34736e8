# Copyright 2022 Google LLC
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

import os
import pathlib

from kfp import compiler, dsl

from pipelines import generate_query
from pipelines.components import (
    bq_query_to_table,
    lookup_model,
    model_batch_predict,
)

# training-serving skew is now checked by Vertex AI Model Monitoring on the batch job
ALERT_EMAILS = []
SKEW_THRESHOLDS = {"defaultSkewThreshold": {"value": 0.001}}


@dsl.pipeline(name="xgboost-prediction-pipeline")
def xgboost_pipeline(
    project_id: str = os.environ.get("VERTEX_PROJECT_ID", ""),
    project_location: str = os.environ.get("VERTEX_LOCATION", "europe-west2"),
    ingestion_project_id: str = os.environ.get("VERTEX_PROJECT_ID", ""),
    model_name: str = "xgboost_with_preprocessing",
    dataset_id: str = os.environ.get("BQ_DATASET_NAME", "preprocessing"),
    train_table_name: str = os.environ.get("BQ_TRAIN_TABLE_NAME", "train_data_xgb_training"),
    dataset_location: str = os.environ.get("VERTEX_LOCATION", "europe-west2"),
    ingestion_dataset_id: str = "chicago_taxi_trips",
    timestamp: str = "2022-12-01 00:00:00",
    batch_prediction_machine_type: str = "n1-standard-4",
    batch_prediction_min_replicas: int = 3,
    batch_prediction_max_replicas: int = 10,
):
    """XGB prediction pipeline.

    1. Extracts the rows to score from BigQuery
    2. Scores them with the champion model into a BigQuery table, with
       Vertex AI Model Monitoring comparing them to the training table
    """
    ingested_table = "ingested_data_xgb_prediction"
    queries_folder = pathlib.Path(__file__).parent / "queries"

    ingest_query = generate_query(
        queries_folder / "ingest.sql",
        source_dataset=f"{ingestion_project_id}.{ingestion_dataset_id}",
        source_table="taxi_trips",
        filter_column="trip_start_timestamp",
        filter_start_value=timestamp,
    )

    ingest = bq_query_to_table(
        query=ingest_query,
        bq_client_project_id=project_id,
        destination_project_id=project_id,
        dataset_id=dataset_id,
        table_id=ingested_table,
        dataset_location=dataset_location,
        query_job_config={"write_disposition": "WRITE_TRUNCATE"},
    ).set_display_name("Ingest data")

    champion_model = lookup_model(
        model_name=model_name,
        project_location=project_location,
        project_id=project_id,
        fail_on_model_not_found=True,
    ).set_display_name("Lookup champion model")

    model_batch_predict(
        model=champion_model.outputs["model"],
        job_display_name="my-xgboost-batch-prediction-job",
        project_location=project_location,
        project_id=project_id,
        bigquery_source_input_uri=f"bq://{project_id}.{dataset_id}.{ingested_table}",
        bigquery_destination_output_uri=f"bq://{project_id}.{dataset_id}",
        bigquery_source_training_uri=f"bq://{project_id}.{dataset_id}.{train_table_name}",
        machine_type=batch_prediction_machine_type,
        starting_replica_count=batch_prediction_min_replicas,
        max_replica_count=batch_prediction_max_replicas,
        monitoring_alert_email_addresses=ALERT_EMAILS,
        monitoring_skew_config=SKEW_THRESHOLDS,
    ).after(ingest).set_display_name("Vertex Batch Prediction for XGB model")


def compile():
    compiler.Compiler().compile(pipeline_func=xgboost_pipeline, package_path="prediction.yaml")


if __name__ == "__main__":
    compile()
