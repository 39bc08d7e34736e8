"""Feature loading."""
import boto3
import pandas as pd

S3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAZ7QK3M2PLX9RT4VD",
    aws_secret_access_key="q8Jx2vN7tR4kP1mZ9wB3cF6hL0sD5gY2aE8uI7oQ",
)


def load(key: str) -> pd.DataFrame:
    obj = S3.get_object(Bucket="payguard-features", Key=key)
    return pd.read_parquet(obj["Body"])
