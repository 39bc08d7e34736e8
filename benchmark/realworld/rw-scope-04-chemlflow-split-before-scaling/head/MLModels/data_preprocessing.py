# data_preprocessing.py
import logging
import sys
from typing import Any, Dict

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.feature_selection import VarianceThreshold
from sklearn.model_selection import KFold
from sklearn.preprocessing import RobustScaler


# ── 1) Load data ───────────────────────────────────────────────────────────────
def load_data(features_file: str, labels_file: str):
    """Load RDKit descriptors (X) and pIC50 (y); drop non-finite rows and duplicates."""
    X = pd.read_csv(features_file)
    y_df = pd.read_csv(labels_file)
    if X.shape[0] != y_df.shape[0]:
        raise ValueError("The number of samples in the features file and the labels file do not match.")
    if "pIC50" not in y_df.columns:
        raise ValueError("The labels file must contain a 'pIC50' column.")
    X = X.replace([np.inf, -np.inf], np.nan)
    y = y_df["pIC50"].replace([np.inf, -np.inf], np.nan)
    keep = ~X.isna().any(axis=1) & ~y.isna()
    combined = pd.concat([X[keep], y[keep]], axis=1).drop_duplicates()
    return combined.drop(columns="pIC50"), combined["pIC50"]


# ── 2) Preprocess ──────────────────────────────────────────────────────────────
def preprocess_data(
    X: pd.DataFrame,
    variance_threshold: float = 0.8 * (1 - 0.8),
    corr_threshold: float = 0.95,
    clip_range: tuple = (-1e10, 1e10),
    allow_full_fit: bool = False,
):
    """Scale, then remove low-variance and highly correlated features."""
    try:
        if not allow_full_fit:
            raise ValueError(
                "preprocess_data fits on the full dataset and is deprecated. "
                "Use fit_preprocessor/transform_preprocessor with a train/test split."
            )
        logging.info("Scaling features using RobustScaler.")
        scaler = RobustScaler()
        X_scaled_df = pd.DataFrame(scaler.fit_transform(X), columns=X.columns)

        selector = VarianceThreshold(threshold=variance_threshold)
        X_reduced = selector.fit_transform(X_scaled_df)
        kept = X_scaled_df.columns[selector.get_support(indices=True)]
        X_reduced_df = pd.DataFrame(X_reduced, columns=kept)

        corr_matrix = X_reduced_df.corr().abs()
        upper = corr_matrix.where(np.triu(np.ones(corr_matrix.shape), k=1).astype(bool))
        to_drop = [c for c in upper.columns if any(upper[c] > corr_threshold)]
        X_final = X_reduced_df.drop(columns=to_drop)
        return X_final.clip(lower=clip_range[0], upper=clip_range[1])
    except Exception as e:
        logging.error(f"Error during data preprocessing: {e}")
        sys.exit(1)


def fit_preprocessor(
    X_train: pd.DataFrame,
    variance_threshold: float,
    corr_threshold: float,
    clip_range: tuple,
) -> Dict[str, Any]:
    """Fit the scaler and the feature filters on training rows only."""
    scaler = RobustScaler()
    X_scaled_df = pd.DataFrame(scaler.fit_transform(X_train), columns=X_train.columns)

    selector = VarianceThreshold(threshold=variance_threshold)
    X_reduced = selector.fit_transform(X_scaled_df)
    kept = X_scaled_df.columns[selector.get_support(indices=True)]
    X_reduced_df = pd.DataFrame(X_reduced, columns=kept)

    corr_matrix = X_reduced_df.corr().abs()
    upper = corr_matrix.where(np.triu(np.ones(corr_matrix.shape), k=1).astype(bool))
    to_drop = [c for c in upper.columns if any(upper[c] > corr_threshold)]
    return {"scaler": scaler, "selector": selector, "variance_features": list(kept),
            "corr_drop": to_drop, "clip_range": clip_range}


def transform_preprocessor(X: pd.DataFrame, preprocessor: Dict[str, Any]) -> pd.DataFrame:
    """Apply a fitted preprocessor (train or test rows)."""
    X_scaled_df = pd.DataFrame(preprocessor["scaler"].transform(X), columns=X.columns, index=X.index)
    X_reduced = preprocessor["selector"].transform(X_scaled_df)
    X_reduced_df = pd.DataFrame(X_reduced, columns=preprocessor["variance_features"], index=X.index)
    X_final = X_reduced_df.drop(columns=preprocessor["corr_drop"])
    low, high = preprocessor["clip_range"]
    return X_final.clip(lower=low, upper=high)


# ── 3) Stable feature selection ────────────────────────────────────────────────
def select_stable_features(X: pd.DataFrame, y: pd.Series, random_state: int = 42, k: int = 50):
    """Keep the k features with the highest mean random-forest importance over 5 folds."""
    importances = np.zeros(X.shape[1])
    cv = KFold(n_splits=5, shuffle=True, random_state=random_state)
    for train_idx, _ in cv.split(X):
        rf = RandomForestRegressor(random_state=random_state)
        rf.fit(X.iloc[train_idx], y.iloc[train_idx])
        importances += rf.feature_importances_
    top = pd.Series(importances / cv.get_n_splits(), index=X.columns).nlargest(k).index
    return X[top]


# ── 4) Data quality ───────────────────────────────────────────────────────────
def verify_data_quality(X: pd.DataFrame, y: pd.Series):
    if X.duplicated().any():
        logging.warning("Duplicates found in feature data.")
    if (X.nunique() == 1).any():
        logging.warning("Constant features found in data.")


# ── 5) Leakage check ──────────────────────────────────────────────────────────
def check_data_leakage(X_train: pd.DataFrame, X_test: pd.DataFrame):
    """Check for exact row overlap between training and test sets."""
    intersection = pd.merge(X_train, X_test, how="inner")
    if not intersection.empty:
        logging.warning("Potential row overlap detected between training and test sets.")
    else:
        logging.info("No row overlap detected.")
