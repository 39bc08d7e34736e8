import random


def train(rows, window="q3"):
    rows = [r for r in rows if r]
    model = fit(rows)
    return model


def fit(rows):
    return sum(rows) / len(rows)
