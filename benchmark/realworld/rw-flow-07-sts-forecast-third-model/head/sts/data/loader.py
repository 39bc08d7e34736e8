"""Load the EIA hourly demand series for California as a Prophet-ready frame (ds, y)."""
import json

import pandas as pd


def load_california_electricity_demand(filepath="data/demand.json", train_only=False):
    with open(filepath) as fh:
        raw = json.load(fh)
    series = raw["series"][0]["data"]
    df = pd.DataFrame(series, columns=["ds", "y"])
    df["ds"] = pd.to_datetime(df["ds"], format="%Y%m%dT%HZ").dt.tz_localize(None)
    df = df.sort_values("ds").reset_index(drop=True)
    if train_only:
        df = df[df["ds"] < "2020-01-01"]
    return df
