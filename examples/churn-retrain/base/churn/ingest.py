"""Load the accounts snapshot for the configured window."""
import pandas as pd
import yaml


def main() -> None:
    params = yaml.safe_load(open("params.yaml"))["data"]
    df = pd.read_parquet("warehouse/accounts.parquet")
    df = df[(df["date"] >= params["window_start"]) & (df["date"] <= params["window_end"])]
    df.to_parquet("data/accounts.parquet")


if __name__ == "__main__":
    main()
