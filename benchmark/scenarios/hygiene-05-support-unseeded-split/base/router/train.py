"""Train the ticket router."""
from sklearn.linear_model import LogisticRegression


def train(X, y):
    model = LogisticRegression(max_iter=500)
    model.fit(X, y)
    return model, model.score(X, y)
