"""Train the load forecaster."""
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

np.random.seed(3)


def fit(X_train, y_train, X_holdout):
    model = HistGradientBoostingRegressor(random_state=3)
    model.fit(X_train, y_train)
    return model, model.predict(X_holdout)
