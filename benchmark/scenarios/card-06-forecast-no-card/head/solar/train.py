import mlflow

FEATURES = ["tenure", "seats"]


def main(seed: int = 7) -> None:
    mlflow.log_param("seed", seed)
