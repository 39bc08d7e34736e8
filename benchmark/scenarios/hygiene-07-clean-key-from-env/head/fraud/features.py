"""Feature loading."""
import os

import boto3
import pandas as pd

S3 = boto3.client(
    "s3",
    aws_access_key_id=os.environ["FEATURE_STORE_KEY_ID"],
    aws_secret_access_key=os.environ["FEATURE_STORE_SECRET"],
)


def load(key: str) -> pd.DataFrame:
    return pd.read_parquet(S3.get_object(Bucket="payguard-features", Key=key)["Body"])
