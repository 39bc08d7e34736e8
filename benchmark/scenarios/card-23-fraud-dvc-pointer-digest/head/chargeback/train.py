"""Train the chargeback model and log it to MLflow."""

import mlflow


def main(seed: int = 7) -> None:
    params = {"seed": seed, "snapshot": "transactions_2026q3"}
    with mlflow.start_run():
        mlflow.log_params(params)
