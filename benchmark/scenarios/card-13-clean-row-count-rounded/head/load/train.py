"""Train the load model and log it to MLflow."""

import mlflow


def main(seed: int = 7) -> None:
    params = {"seed": seed, "window": "2026h1"}
    with mlflow.start_run():
        mlflow.log_params(params)
