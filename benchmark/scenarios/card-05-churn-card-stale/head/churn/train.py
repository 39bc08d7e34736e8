import mlflow

FEATURES = ["tenure", "seats", "tickets_90d"]


def main(seed: int = 7) -> None:
    mlflow.log_param("seed", seed)
