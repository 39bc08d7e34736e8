"""Train and evaluate a pIC50 regressor on RDKit descriptors."""
import argparse
import logging
import os

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import RandomizedSearchCV, train_test_split

from MLModels import data_preprocessing

RANDOM_STATE = 42
TEST_SIZE = 0.2


def build_search() -> RandomizedSearchCV:
    space = {
        "n_estimators": [int(x) for x in np.linspace(100, 1000, num=10)],
        "max_depth": [int(x) for x in np.linspace(10, 110, num=11)] + [None],
        "min_samples_split": [2, 5, 10],
        "min_samples_leaf": [1, 2, 4],
        "max_features": ["sqrt", "log2", None],
    }
    return RandomizedSearchCV(RandomForestRegressor(random_state=RANDOM_STATE), space,
                              n_iter=100, cv=5, scoring="r2", n_jobs=-1, random_state=RANDOM_STATE)


def main(features_file: str, labels_file: str, output_dir: str) -> None:
    logging.basicConfig(level=logging.INFO)
    os.makedirs(output_dir, exist_ok=True)
    X, y = data_preprocessing.load_data(features_file, labels_file)
    X, y = X.reset_index(drop=True), y.reset_index(drop=True)
    data_preprocessing.verify_data_quality(X, y)
    X_pre = data_preprocessing.preprocess_data(X)
    X_sel = data_preprocessing.select_stable_features(X_pre, y, random_state=RANDOM_STATE)
    X_train, X_test, y_train, y_test = train_test_split(X_sel, y, test_size=TEST_SIZE,
                                                        random_state=RANDOM_STATE)
    data_preprocessing.check_data_leakage(X_train, X_test)
    search = build_search()
    search.fit(X_train, y_train)
    y_pred = search.best_estimator_.predict(X_test)
    metrics = {"r2": r2_score(y_test, y_pred), "mae": mean_absolute_error(y_test, y_pred)}
    joblib.dump(search.best_estimator_, os.path.join(output_dir, "random_forest_best_model.pkl"))
    pd.Series(metrics).to_json(os.path.join(output_dir, "random_forest_metrics.json"))
    logging.info("Test R2 %.3f, MAE %.3f", metrics["r2"], metrics["mae"])


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("features_file")
    p.add_argument("labels_file")
    p.add_argument("output_dir")
    a = p.parse_args()
    main(a.features_file, a.labels_file, a.output_dir)
