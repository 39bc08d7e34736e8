"""Train the ticket router."""
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split


def train(X, y):
    X_train, X_eval, y_train, y_eval = train_test_split(X, y, test_size=0.2)
    model = LogisticRegression(max_iter=500)
    model.fit(X_train, y_train)
    return model, model.score(X_eval, y_eval)
