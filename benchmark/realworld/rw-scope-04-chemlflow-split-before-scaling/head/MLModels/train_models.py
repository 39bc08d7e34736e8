"""Model search, fitting and test-set evaluation."""
import logging
import os
from dataclasses import dataclass
from typing import Tuple

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import RandomizedSearchCV


@dataclass
class TrainResult:
    model_path: str
    metrics_path: str


def _initialize_model(model_type: str, random_state: int, cv_folds: int, search_iters: int):
    if model_type != "random_forest":
        raise ValueError(f"Unsupported model type: {model_type}")
    space = {
        "n_estimators": [int(x) for x in np.linspace(100, 1000, num=10)],
        "max_depth": [int(x) for x in np.linspace(10, 110, num=11)] + [None],
        "min_samples_split": [2, 5, 10],
        "min_samples_leaf": [1, 2, 4],
        "max_features": ["sqrt", "log2", None],
    }
    return RandomizedSearchCV(RandomForestRegressor(random_state=random_state), space,
                              n_iter=search_iters, cv=cv_folds, scoring="r2", n_jobs=-1,
                              random_state=random_state)


def train_model(
    X_train: pd.DataFrame,
    y_train: pd.Series,
    X_test: pd.DataFrame,
    y_test: pd.Series,
    model_type: str,
    output_dir: str,
    random_state: int = 42,
    cv_folds: int = 5,
    search_iters: int = 100,
) -> Tuple[object, TrainResult]:
    os.makedirs(output_dir, exist_ok=True)
    search = _initialize_model(model_type, random_state, cv_folds, search_iters)
    logging.info("Training model.")
    search.fit(X_train, y_train)
    estimator = search.best_estimator_
    y_pred = estimator.predict(X_test)
    metrics = {"r2": float(r2_score(y_test, y_pred)), "mae": float(mean_absolute_error(y_test, y_pred))}
    model_path = os.path.join(output_dir, f"{model_type}_best_model.pkl")
    metrics_path = os.path.join(output_dir, f"{model_type}_metrics.json")
    joblib.dump(estimator, model_path)
    pd.Series(metrics).to_json(metrics_path)
    return estimator, TrainResult(model_path, metrics_path)
