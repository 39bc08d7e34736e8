"""Train the churn model."""


def train(rows: list[float], window: str = "q3") -> float:
    rows = [r for r in rows if r]
    model = fit(rows)
    return model


def fit(rows: list[float]) -> float:
    return sum(rows) / len(rows)
