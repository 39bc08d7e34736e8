import mlflow


def main(seed: int = 11) -> None:
    mlflow.log_param("seed", seed)
