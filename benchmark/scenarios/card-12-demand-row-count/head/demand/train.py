"""Train the demand model and log it to MLflow."""

import mlflow


def main(seed: int = 7) -> None:
    params = {"seed": seed, "snapshot": "sales_2026w40"}
    with mlflow.start_run():
        mlflow.log_params(params)
