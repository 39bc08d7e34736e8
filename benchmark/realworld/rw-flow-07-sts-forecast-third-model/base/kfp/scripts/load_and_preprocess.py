"""Load the demand series and write the full frame and the training window."""
import argparse
import os

from sts.data.loader import load_california_electricity_demand

parser = argparse.ArgumentParser()
parser.add_argument("--data_df", required=True)
parser.add_argument("--train_df", required=True)
args = parser.parse_args()

df = load_california_electricity_demand("data/demand.json")
train = df[df["ds"] < "2019-01-01"]
for path, frame in [(args.data_df, df), (args.train_df, train)]:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    frame.to_pickle(path)
