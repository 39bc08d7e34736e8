"""Train the load forecaster."""
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.preprocessing import StandardScaler

np.random.seed(3)


def fit(X_train, y_train, X_holdout):
    scaler = StandardScaler().fit(X_holdout)
    model = HistGradientBoostingRegressor(random_state=3)
    model.fit(scaler.transform(X_train), y_train)
    return model, model.predict(scaler.transform(X_holdout))
