"""Quick baseline sweep over many regressors with lazypredict."""
import argparse

import pandas as pd
from lazypredict.Supervised import LazyRegressor
from sklearn.model_selection import train_test_split


def main(features_file: str, labels_file: str, output_file: str) -> None:
    X = pd.read_csv(features_file)
    y = pd.read_csv(labels_file)["pIC50"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    models, _ = LazyRegressor(verbose=0, ignore_warnings=True).fit(X_train, X_test, y_train, y_test)
    models.to_csv(output_file)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("features_file")
    p.add_argument("labels_file")
    p.add_argument("output_file")
    a = p.parse_args()
    main(a.features_file, a.labels_file, a.output_file)
