"""Train the fraud model and log it to MLflow."""

import mlflow


def main(seed: int = 7) -> None:
    params = {"seed": seed, "max_depth": 8}
    with mlflow.start_run():
        mlflow.log_params(params)
