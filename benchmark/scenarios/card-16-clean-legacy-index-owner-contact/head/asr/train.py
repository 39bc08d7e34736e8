"""Train the asr model and log it to MLflow."""

import mlflow


def main(seed: int = 7) -> None:
    params = {"seed": seed, "learning_rate": 0.05}
    with mlflow.start_run():
        mlflow.log_params(params)
