"""MAPE of each forecast on the held-out window; prints and logs the best model."""
import argparse
import json

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--prophet_simple", required=True)
parser.add_argument("--prophet_complex", required=True)
parser.add_argument("--data_df", required=True)
parser.add_argument("--metrics", required=True)
args = parser.parse_args()

actual = pd.read_pickle(args.data_df)
holdout = actual[actual["ds"] >= "2019-01-01"]
scores = {}
for name, path in {"prophet_simple": args.prophet_simple, "prophet_complex": args.prophet_complex}.items():
    joined = holdout.merge(pd.read_csv(path, parse_dates=["ds"]), on="ds")
    scores[name] = float(((joined["y"] - joined["yhat"]).abs() / joined["y"]).mean())

best = min(scores, key=scores.get)
print(f"MAPE per model: {scores}; best: {best}")
with open(args.metrics, "w") as fh:
    json.dump({"metrics": [{"name": f"mape_{k}", "numberValue": v} for k, v in scores.items()]}, fh)
