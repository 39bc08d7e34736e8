"""Train the churn model."""


def train(rows: list[float]) -> float:
    model = fit(rows)
    return model


def fit(rows: list[float]) -> float:
    return sum(rows) / len(rows)
