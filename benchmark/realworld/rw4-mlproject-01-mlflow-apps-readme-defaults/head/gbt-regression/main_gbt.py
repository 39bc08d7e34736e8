"""Fits an XGBoost GBT regressor on a parquet file and logs it with MLflow (entry point `main`)."""
import argparse

import pandas

import train_gbt


def feature_list(text):
    return [name for name in text.split(",")]


parser = argparse.ArgumentParser()
parser.add_argument("data_path", type=str, help="parquet file to fit on")
parser.add_argument("n_trees", type=int, help="number of trees")
parser.add_argument("m_depth", type=int, help="maximum tree depth")
parser.add_argument("learning_rate", type=float, help="learning rate")
parser.add_argument("test_percent", type=float, help="share of rows held out for testing")
parser.add_argument("loss", type=str, help="xgboost eval metric")
parser.add_argument("label_col", type=str, help="label column")
parser.add_argument("feat_cols", type=feature_list, help="comma-separated feature columns")
args = parser.parse_args()

for key, value in sorted(vars(args).items()):
    print(f"{key}: {value}")

train_gbt.train(args, pandas.read_parquet(args.data_path))
