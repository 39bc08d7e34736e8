"""Kubeflow pipeline for the structural time series demo: fit two Prophet variants in
parallel on California hourly electricity demand and pick the best on the validation window."""
import argparse

import kfp
from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Metrics, Output

IMAGE = "andrewrreed/cffl-sts-image:latest"


@dsl.container_component
def load_and_preprocess(data_df: Output[Dataset], train_df: Output[Dataset]):
    return dsl.ContainerSpec(
        image=IMAGE,
        command=["python3", "kfp/scripts/load_and_preprocess.py"],
        args=["--data_df", data_df.path, "--train_df", train_df.path],
    )


@dsl.container_component
def fit_score_simple_prophet(train_df: Input[Dataset], forecast: Output[Dataset]):
    return dsl.ContainerSpec(
        image=IMAGE,
        command=["python3", "kfp/scripts/fit_score_simple_prophet_model.py"],
        args=["--train_df", train_df.path, "--forecast", forecast.path],
    )


@dsl.container_component
def fit_score_complex_prophet(train_df: Input[Dataset], forecast: Output[Dataset]):
    return dsl.ContainerSpec(
        image=IMAGE,
        command=["python3", "kfp/scripts/fit_score_complex_prophet_model.py"],
        args=["--train_df", train_df.path, "--forecast", forecast.path],
    )


@dsl.container_component
def evaluate_models(
    prophet_simple: Input[Dataset],
    prophet_complex: Input[Dataset],
    data_df: Input[Dataset],
    metrics: Output[Metrics],
):
    return dsl.ContainerSpec(
        image=IMAGE,
        command=["python3", "kfp/scripts/evaluate_models.py"],
        args=[
            "--prophet_simple", prophet_simple.path,
            "--prophet_complex", prophet_complex.path,
            "--data_df", data_df.path,
            "--metrics", metrics.path,
        ],
    )


@dsl.pipeline(
    name="cffl-structural-time-series-demo-pipeline",
    description="A demo kubeflow pipeline.",
)
def cffl_sts_pipeline():
    load = load_and_preprocess().set_display_name("Load and Preprocess Data")

    simple = fit_score_simple_prophet(train_df=load.outputs["train_df"]).set_display_name(
        "Fit and Score Simple Prophet Model"
    )
    complex_ = fit_score_complex_prophet(train_df=load.outputs["train_df"]).set_display_name(
        "Fit and Score Complex Prophet Model"
    )

    evaluate_models(
        prophet_simple=simple.outputs["forecast"],
        prophet_complex=complex_.outputs["forecast"],
        data_df=load.outputs["data_df"],
    ).set_display_name("Evaluate Both Models")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host")
    parser.add_argument("--run_name")
    args = parser.parse_args()

    # compile to the portable YAML kept next to this file
    compiler.Compiler().compile(cffl_sts_pipeline, "cffl_sts_pipeline.yaml")

    if args.host:
        client = kfp.Client(host=args.host)
        client.create_run_from_pipeline_func(
            cffl_sts_pipeline,
            arguments={},
            experiment_name="structural_time_series_demo",
            run_name=args.run_name,
        )
