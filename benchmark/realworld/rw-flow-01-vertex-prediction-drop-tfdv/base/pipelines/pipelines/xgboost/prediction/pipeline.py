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
    extract_bq_to_dataset,
    generate_statistics,
    lookup_model,
    model_batch_predict,
    show_anomalies,
    validate_skew,
    visualise_statistics,
)


@dsl.pipeline(name="xgboost-prediction-pipeline")
def xgboost_pipeline(
    project_id: str = os.environ.get("VERTEX_PROJECT_ID", ""),
    project_location: str = os.environ.get("VERTEX_LOCATION", "europe-west2"),
    pipeline_files_gcs_path: str = os.environ.get("PIPELINE_FILES_GCS_PATH", ""),
    ingestion_project_id: str = os.environ.get("VERTEX_PROJECT_ID", ""),
    tfdv_schema_filename: str = "tfdv_schema_serving.pbtxt",
    tfdv_train_stats_path: str = os.environ.get("TRAIN_STATS_GCS_PATH", ""),
    model_name: str = "xgboost_with_preprocessing",
    dataset_id: str = "preprocessing",
    dataset_location: str = os.environ.get("VERTEX_LOCATION", "europe-west2"),
    ingestion_dataset_id: str = "chicago_taxi_trips",
    timestamp: str = "2022-12-01 00:00:00",
    batch_prediction_machine_type: str = "n1-standard-4",
    batch_prediction_min_replicas: int = 3,
    batch_prediction_max_replicas: int = 10,
):
    """XGB prediction pipeline.

    1. Extracts the rows to score from BigQuery
    2. Checks them for training/serving skew with TFDV (fails the run on anomalies)
    3. Scores them with the champion model into a BigQuery table
    """
    file_pattern = "files-*.csv"
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

    # serving data as CSV on GCS, so TFDV can read it
    data_for_validation = (
        extract_bq_to_dataset(
            bq_client_project_id=project_id,
            source_project_id=project_id,
            dataset_id=dataset_id,
            table_name=ingested_table,
            dataset_location=dataset_location,
            extract_job_config={"destination_format": "CSV", "print_header": True},
            file_pattern=file_pattern,
        )
        .after(ingest)
        .set_display_name("Extract data to storage")
    )

    tfdv_schema_path = f"{pipeline_files_gcs_path}/prediction/assets/{tfdv_schema_filename}"

    serving_stats = generate_statistics(
        dataset=data_for_validation.outputs["dataset"],
        file_pattern=file_pattern,
        tfdv_stats_options={"schema": tfdv_schema_path, "infer_type_from_schema": True},
    ).set_display_name("Generate data statistics")

    visualise_statistics(
        statistics=serving_stats.outputs["statistics"],
        statistics_name="Serving Statistics",
        other_statistics_path=tfdv_train_stats_path,
        other_statistics_name="Training Statistics",
    ).set_display_name("Visualise data statistics")

    skew = validate_skew(
        training_statistics_path=tfdv_train_stats_path,
        schema_path=tfdv_schema_path,
        serving_statistics=serving_stats.outputs["statistics"],
        environment="SERVING",
    ).set_display_name("Validate data skew")

    anomalies = show_anomalies(
        anomalies=skew.outputs["anomalies"], fail_on_anomalies=True
    ).set_display_name("Show anomalies")

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
        machine_type=batch_prediction_machine_type,
        starting_replica_count=batch_prediction_min_replicas,
        max_replica_count=batch_prediction_max_replicas,
    ).after(anomalies, ingest).set_display_name("Vertex Batch Prediction for XGB model")


def compile():
    compiler.Compiler().compile(pipeline_func=xgboost_pipeline, package_path="prediction.yaml")


if __name__ == "__main__":
    compile()
