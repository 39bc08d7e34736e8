import random


def train(rows):
    model = fit(rows)
    return model


def fit(rows):
    return sum(rows) / len(rows)
