"""Lightweight component: hyperparameter tuning of the covertype classifier on Vertex AI."""
from typing import NamedTuple

from kfp import dsl


@dsl.component(
    base_image="python:3.10",
    packages_to_install=["google-cloud-aiplatform==1.43.0"],
)
def tune_hyperparameters(
    project: str,
    location: str,
    container_uri: str,
    training_file_path: str,
    validation_file_path: str,
    staging_bucket: str,
    max_trial_count: int,
    parallel_trial_count: int,
) -> NamedTuple("Outputs", [("best_accuracy", float), ("best_alpha", float), ("best_max_iter", int)]):
    """Run a Vertex hyperparameter tuning job over alpha and max_iter, maximising accuracy."""
    from collections import namedtuple

    from google.cloud import aiplatform
    from google.cloud.aiplatform import hyperparameter_tuning as hpt

    aiplatform.init(project=project, location=location, staging_bucket=staging_bucket)

    worker_pool_specs = [
        {
            "machine_spec": {"machine_type": "n1-standard-4"},
            "replica_count": 1,
            "container_spec": {
                "image_uri": container_uri,
                "args": [
                    f"--training_dataset_path={training_file_path}",
                    f"--validation_dataset_path={validation_file_path}",
                    "--hptune",
                ],
            },
        }
    ]
    custom_job = aiplatform.CustomJob(display_name="covertype_kfp_trial_job", worker_pool_specs=worker_pool_specs)
    hp_job = aiplatform.HyperparameterTuningJob(
        display_name="covertype_kfp_tuning_job",
        custom_job=custom_job,
        metric_spec={"accuracy": "maximize"},
        parameter_spec={
            "alpha": hpt.DoubleParameterSpec(min=1.0e-4, max=1.0e-1, scale="linear"),
            "max_iter": hpt.DiscreteParameterSpec(values=[1, 2], scale="linear"),
        },
        max_trial_count=max_trial_count,
        parallel_trial_count=parallel_trial_count,
    )
    hp_job.run()

    best = max(
        (t for t in hp_job.trials if t.final_measurement.metrics),
        key=lambda t: t.final_measurement.metrics[0].value,
    )
    params = {p.parameter_id: p.value for p in best.parameters}
    outputs = namedtuple("Outputs", ["best_accuracy", "best_alpha", "best_max_iter"])
    return outputs(best.final_measurement.metrics[0].value, params["alpha"], int(params["max_iter"]))
