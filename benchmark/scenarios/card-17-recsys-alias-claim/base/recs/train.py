"""Train the recs model and log it to MLflow."""

import mlflow


def main(seed: int = 7) -> None:
    params = {"seed": seed, "rerank": False}
    with mlflow.start_run():
        mlflow.log_params(params)
