"""KFP components used by the XGBoost pipelines.

Each component is a lightweight Python component; the heavy lifting happens in BigQuery,
TensorFlow Data Validation (TFDV) or Vertex AI.
"""
from kfp import dsl
from kfp.dsl import Artifact, Dataset, Input, Model, Output

BQ_PACKAGES = ["google-cloud-bigquery==3.10.0"]
TFDV_IMAGE = "europe-docker.pkg.dev/vertex-e2e/containers/tfdv:1.12.0"
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


@dsl.component(base_image=TFDV_IMAGE)
def generate_statistics(
    dataset: Input[Dataset],
    file_pattern: str,
    statistics: Output[Artifact],
    tfdv_stats_options: dict = {},
):
    """Compute TFDV statistics over the CSV shards of `dataset`."""
    import tensorflow_data_validation as tfdv

    options = tfdv.StatsOptions(**tfdv_stats_options)
    stats = tfdv.generate_statistics_from_csv(f"{dataset.uri}/{file_pattern}", stats_options=options)
    tfdv.write_stats_text(stats, statistics.path)


@dsl.component(base_image=TFDV_IMAGE)
def visualise_statistics(
    statistics: Input[Artifact],
    statistics_name: str,
    view: Output[Artifact],
    other_statistics_path: str = "",
    other_statistics_name: str = "",
):
    """Render an HTML facets view of one (or two, side by side) statistics files."""
    import tensorflow_data_validation as tfdv
    from tensorflow_data_validation.utils.display_util import get_statistics_html

    lhs = tfdv.load_stats_text(statistics.path)
    rhs = tfdv.load_statistics(other_statistics_path) if other_statistics_path else None
    html = get_statistics_html(lhs, rhs, lhs_name=statistics_name, rhs_name=other_statistics_name or "")
    with open(view.path, "w") as fh:
        fh.write(html)


@dsl.component(base_image=TFDV_IMAGE)
def validate_skew(
    training_statistics_path: str,
    schema_path: str,
    serving_statistics: Input[Artifact],
    anomalies: Output[Artifact],
    environment: str = "SERVING",
):
    """Compare serving statistics with the training statistics under the schema's skew comparators."""
    import tensorflow_data_validation as tfdv

    schema = tfdv.load_schema_text(schema_path)
    found = tfdv.validate_statistics(
        statistics=tfdv.load_stats_text(serving_statistics.path),
        schema=schema,
        serving_statistics=tfdv.load_statistics(training_statistics_path),
        environment=environment,
    )
    tfdv.write_anomalies_text(found, anomalies.path)


@dsl.component(base_image=TFDV_IMAGE)
def show_anomalies(anomalies: Input[Artifact], fail_on_anomalies: bool = True):
    """Log every anomaly; raise when there is one and `fail_on_anomalies` is set."""
    import tensorflow_data_validation as tfdv

    found = tfdv.load_anomalies_text(anomalies.path)
    for feature, info in found.anomaly_info.items():
        print(f"{feature}: {info.description}")
    if fail_on_anomalies and found.anomaly_info:
        raise RuntimeError(f"{len(found.anomaly_info)} anomalies found in the serving data")


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
    machine_type: str = "n1-standard-4",
    starting_replica_count: int = 1,
    max_replica_count: int = 1,
):
    """Run a Vertex batch prediction job from BigQuery to BigQuery and wait for it."""
    from google.cloud import aiplatform

    aiplatform.init(project=project_id, location=project_location)
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
    )
    job.wait()
