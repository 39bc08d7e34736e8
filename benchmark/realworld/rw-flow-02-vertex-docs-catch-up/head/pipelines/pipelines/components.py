"""KFP components used by the XGBoost pipelines.

Each component is a lightweight Python component; the heavy lifting happens in BigQuery
or Vertex AI.
"""
from kfp import dsl
from kfp.dsl import Dataset, Input, Model, Output

BQ_PACKAGES = ["google-cloud-bigquery==3.10.0"]
AIP_PACKAGES = ["google-cloud-aiplatform==1.24.1"]


@dsl.component(base_image="python:3.9", packages_to_install=BQ_PACKAGES)
def bq_query_to_table(
    query: str,
    bq_client_project_id: str,
    destination_project_id: str,
    dataset_id: str,
    table_id: str,
    dataset_location: str = "EU",
    query_job_config: dict = {},
):
    """Run a query and write the result to `dataset_id.table_id` (created if missing)."""
    from google.cloud import bigquery

    client = bigquery.Client(project=bq_client_project_id, location=dataset_location)
    destination = f"{destination_project_id}.{dataset_id}.{table_id}"
    config = bigquery.QueryJobConfig(destination=destination, **query_job_config)
    client.query(query, job_config=config).result()


@dsl.component(base_image="python:3.9", packages_to_install=BQ_PACKAGES)
def extract_bq_to_dataset(
    bq_client_project_id: str,
    source_project_id: str,
    dataset_id: str,
    table_name: str,
    dataset: Output[Dataset],
    dataset_location: str = "EU",
    extract_job_config: dict = {},
    file_pattern: str = "",
):
    """Export a BigQuery table to CSV shards under the output artifact's URI."""
    from google.cloud import bigquery

    client = bigquery.Client(project=bq_client_project_id, location=dataset_location)
    table = f"{source_project_id}.{dataset_id}.{table_name}"
    target = f"{dataset.uri}/{file_pattern}" if file_pattern else dataset.uri
    job_config = bigquery.ExtractJobConfig(**extract_job_config)
    client.extract_table(table, target, job_config=job_config).result()


@dsl.component(base_image="python:3.9", packages_to_install=AIP_PACKAGES)
def lookup_model(
    model_name: str,
    project_location: str,
    project_id: str,
    model: Output[Model],
    fail_on_model_not_found: bool = False,
) -> str:
    """Return the resource name of the model version tagged `default` (the champion)."""
    from google.cloud import aiplatform

    found = aiplatform.Model.list(
        filter=f'display_name="{model_name}"', location=project_location, project=project_id
    )
    champions = [m for m in found if "default" in m.version_aliases]
    if not champions:
        if fail_on_model_not_found:
            raise RuntimeError(f"no champion found for {model_name}")
        return ""
    model.uri = champions[0].uri
    model.metadata["resourceName"] = champions[0].resource_name
    return champions[0].resource_name


@dsl.component(base_image="python:3.9", packages_to_install=AIP_PACKAGES)
def model_batch_predict(
    model: Input[Model],
    job_display_name: str,
    project_location: str,
    project_id: str,
    bigquery_source_input_uri: str,
    bigquery_destination_output_uri: str,
    bigquery_source_training_uri: str = "",
    machine_type: str = "n1-standard-4",
    starting_replica_count: int = 1,
    max_replica_count: int = 1,
    monitoring_alert_email_addresses: list = [],
    monitoring_skew_config: dict = {},
):
    """Run a Vertex batch prediction job from BigQuery to BigQuery and wait for it.

    When `bigquery_source_training_uri` is given, the job is created with Vertex AI Model
    Monitoring: feature skew between the training table and the prediction input is computed
    and alerts go to `monitoring_alert_email_addresses`.
    """
    from google.cloud import aiplatform
    from google.cloud.aiplatform import model_monitoring

    aiplatform.init(project=project_id, location=project_location)
    monitoring = {}
    if bigquery_source_training_uri:
        skew = model_monitoring.SkewDetectionConfig(
            data_source=bigquery_source_training_uri,
            default_skew_threshold=monitoring_skew_config.get("defaultSkewThreshold", {}).get("value", 0.001),
            target_field="total_fare",
        )
        monitoring = dict(
            model_monitoring_objective_config=model_monitoring.ObjectiveConfig(skew_detection_config=skew),
            model_monitoring_alert_config=model_monitoring.EmailAlertConfig(
                user_emails=monitoring_alert_email_addresses
            ),
        )
    job = aiplatform.BatchPredictionJob.create(
        job_display_name=job_display_name,
        model_name=model.metadata["resourceName"],
        instances_format="bigquery",
        predictions_format="bigquery",
        bigquery_source=bigquery_source_input_uri,
        bigquery_destination_prefix=bigquery_destination_output_uri,
        machine_type=machine_type,
        starting_replica_count=starting_replica_count,
        max_replica_count=max_replica_count,
        **monitoring,
    )
    job.wait()
