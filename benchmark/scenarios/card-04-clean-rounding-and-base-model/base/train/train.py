import mlflow


def main(seed: int = 7) -> None:
    mlflow.log_param("seed", seed)
