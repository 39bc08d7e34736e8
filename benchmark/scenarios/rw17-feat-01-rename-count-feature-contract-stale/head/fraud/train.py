"""Train the fraud classifier on the feature table and log it to MLflow."""

import argparse

import mlflow
import pandas as pd
from mlflow.models import infer_signature
from sklearn.ensemble import HistGradientBoostingClassifier

from fraud.features import LABEL, MODEL_FEATURES


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--table", default="analytics.txn_features")
    parser.add_argument("--out", default="model/")
    args = parser.parse_args()

    df = pd.read_parquet(f"s3://risk-lake/{args.table}/")
    X = df[MODEL_FEATURES].astype({"merchant_category": "category"})
    y = df[LABEL]
    model = HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=7)
    with mlflow.start_run():
        model.fit(X, y)
        mlflow.sklearn.log_model(model, name="model", signature=infer_signature(X, model.predict_proba(X)[:, 1]))


if __name__ == "__main__":
    main()
