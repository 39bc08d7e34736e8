"""Train the credit-risk classifier."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

np.random.seed(7)


def train(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)
    model = LogisticRegression(max_iter=500).fit(X_train, y_train)
    return model, model.score(X_test, y_test)
