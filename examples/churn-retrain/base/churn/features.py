"""Account features."""
import pandas as pd

FEATURES = ["tenure_days", "seats", "tickets_90d", "logins_30d", "plan_price"]


def main() -> None:
    df = pd.read_parquet("data/validated.parquet")
    df[FEATURES + ["churned"]].to_parquet("data/features.parquet")


if __name__ == "__main__":
    main()
