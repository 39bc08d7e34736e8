"""Reject a snapshot with too many nulls."""
import pandas as pd
import yaml


def main() -> None:
    limit = yaml.safe_load(open("params.yaml"))["validate"]["max_null_share"]
    df = pd.read_parquet("data/accounts.parquet")
    share = float(df.isna().mean().max())
    if share > limit:
        raise SystemExit(f"null share {share:.3f} exceeds {limit}")
    df.to_parquet("data/validated.parquet")


if __name__ == "__main__":
    main()
