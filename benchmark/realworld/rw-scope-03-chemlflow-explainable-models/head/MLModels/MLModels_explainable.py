"""Train, evaluate and explain regression models that predict pIC50 from RDKit descriptors."""
import argparse
import logging
import os
import sys

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.feature_selection import VarianceThreshold
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import KFold, RandomizedSearchCV, cross_val_score, train_test_split
from sklearn.preprocessing import RobustScaler
from xgboost import XGBRegressor


class MLModel:
    """Training, testing and evaluation of one model type."""

    def __init__(self, features_file, labels_file, model_type, output_dir):
        self.features_file = features_file
        self.labels_file = labels_file
        self.model_type = model_type
        self.test_size = 0.2
        self.random_state = 42
        self.model = None
        self.results_dir = output_dir
        self.best_model_file = os.path.join(output_dir, f"{model_type}_best_model.pkl")
        self.selected_features_file = os.path.join(output_dir, f"{model_type}_selected_features.txt")
        os.makedirs(self.results_dir, exist_ok=True)

    def load_data(self):
        """Read descriptors (X) and pIC50 (y); drop non-finite rows and duplicates."""
        X = pd.read_csv(self.features_file)
        y = pd.read_csv(self.labels_file)["pIC50"]
        X = X.replace([np.inf, -np.inf], np.nan)
        keep = ~X.isna().any(axis=1) & ~y.isna()
        combined = pd.concat([X[keep], y[keep]], axis=1).drop_duplicates()
        logging.info("Data shape after cleaning: %s", combined.shape)
        return combined.drop(columns="pIC50"), combined["pIC50"]

    def preprocess_data(self, X):
        """Scale, then drop low-variance and highly correlated descriptors."""
        scaler = RobustScaler()
        X_scaled = pd.DataFrame(scaler.fit_transform(X), columns=X.columns)

        selector = VarianceThreshold(threshold=0.8 * (1 - 0.8))
        X_reduced = selector.fit_transform(X_scaled)
        kept = X_scaled.columns[selector.get_support(indices=True)]
        X_reduced = pd.DataFrame(X_reduced, columns=kept)

        corr = X_reduced.corr().abs()
        upper = corr.where(np.triu(np.ones(corr.shape), k=1).astype(bool))
        to_drop = [c for c in upper.columns if any(upper[c] > 0.95)]
        X_final = X_reduced.drop(columns=to_drop)
        # Keep values inside float32 range for the tree models.
        return X_final.clip(lower=-1e10, upper=1e10)

    def select_stable_features(self, X, y, k=50):
        """Keep the k descriptors with the highest mean RF importance over 5 folds."""
        importances = np.zeros(X.shape[1])
        cv = KFold(n_splits=5, shuffle=True, random_state=self.random_state)
        for train_idx, _ in cv.split(X):
            rf = RandomForestRegressor(random_state=self.random_state)
            rf.fit(X.iloc[train_idx], y.iloc[train_idx])
            importances += rf.feature_importances_
        top = pd.Series(importances / cv.get_n_splits(), index=X.columns).nlargest(k).index
        with open(self.selected_features_file, "w") as f:
            f.write("\n".join(top) + "\n")
        return X[top]

    def initialize_model(self):
        if self.model_type == "random_forest":
            search_space = {
                "n_estimators": [int(x) for x in np.linspace(100, 1000, num=10)],
                "max_depth": [int(x) for x in np.linspace(10, 110, num=11)] + [None],
                "min_samples_leaf": [1, 2, 4],
                "max_features": ["sqrt", "log2", None],
            }
            base = RandomForestRegressor(random_state=self.random_state)
        elif self.model_type == "xgboost":
            search_space = {
                "n_estimators": [100, 200, 300, 500],
                "max_depth": [3, 5, 7, 9],
                "learning_rate": [0.01, 0.05, 0.1, 0.2],
                "subsample": [0.6, 0.8, 1.0],
            }
            base = XGBRegressor(objective="reg:squarederror", random_state=self.random_state)
        else:
            raise ValueError(f"Unsupported model type: {self.model_type}")
        self.model = RandomizedSearchCV(base, search_space, n_iter=100, cv=5, scoring="r2",
                                        n_jobs=-1, random_state=self.random_state)

    def train_model(self, X_train, y_train):
        self.model.fit(X_train, y_train)
        joblib.dump(self.model, self.best_model_file)
        logging.info("Best parameters for %s: %s", self.model_type, self.model.best_params_)

    def evaluate_model(self, X_test, y_test):
        """Nested cross-validation score plus plain test-set metrics."""
        estimator = self.model.best_estimator_
        cv = KFold(n_splits=5, shuffle=True, random_state=self.random_state)
        cv_scores = cross_val_score(estimator, X_test, y_test, cv=cv, scoring="r2", n_jobs=-1)
        y_pred = estimator.predict(X_test)
        r2 = r2_score(y_test, y_pred)
        mae = mean_absolute_error(y_test, y_pred)
        with open(os.path.join(self.results_dir, f"{self.model_type}_evaluation_results.txt"), "w") as f:
            f.write(f"Nested CV R2 Score: {cv_scores.mean():.3f} ± {cv_scores.std():.3f}\n")
            f.write(f"Test Set R2 Score: {r2:.3f}\n")
            f.write(f"Mean Absolute Error: {mae:.3f}\n")
        logging.info("Nested CV R2: %.3f, test R2: %.3f, MAE: %.3f", cv_scores.mean(), r2, mae)
        return y_pred, r2

    def check_data_leakage(self, X_train, X_test):
        """Warn when identical rows appear in both splits."""
        overlap = pd.merge(X_train, X_test, how="inner")
        if not overlap.empty:
            logging.warning("Potential data leakage: %d rows in both train and test.", len(overlap))


def main(features_file, labels_file, model_type, output_dir):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s - %(levelname)s - %(message)s")
    ml = MLModel(features_file, labels_file, model_type, output_dir)
    X, y = ml.load_data()
    X_pre = ml.preprocess_data(X)
    X_sel = ml.select_stable_features(X_pre, y.reset_index(drop=True))
    X_train, X_test, y_train, y_test = train_test_split(
        X_sel, y.reset_index(drop=True), test_size=ml.test_size, random_state=ml.random_state
    )
    ml.check_data_leakage(X_train, X_test)
    ml.initialize_model()
    ml.train_model(X_train, y_train)
    ml.evaluate_model(X_test, y_test)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Train and evaluate ML models on bioactivity data.")
    parser.add_argument("features_file")
    parser.add_argument("labels_file")
    parser.add_argument("model_type", choices=["random_forest", "xgboost"])
    parser.add_argument("output_dir")
    args = parser.parse_args()
    main(args.features_file, args.labels_file, args.model_type, args.output_dir)
    sys.exit(0)
