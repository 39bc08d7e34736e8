"""Convert the pre-processed CSV splits to RecordIO protobuf for Factorization Machines."""
import io

import boto3
import numpy as np
import pandas as pd
import sagemaker.amazon.common as smac
from scipy.sparse import lil_matrix


def _to_sparse(frame, nb_customer, feature_dim):
    X = lil_matrix((len(frame), feature_dim), dtype="float32")
    for row, (customer, product) in enumerate(zip(frame["customer"], frame["product"])):
        X[row, customer] = 1
        X[row, nb_customer + product] = 1
    return X, frame["star_rating"].to_numpy(dtype="float32")


def prepare(s3_in_bucket, s3_in_prefix, s3_out_bucket, s3_out_prefix, delimiter=","):
    prefix = s3_in_prefix.rstrip("/")
    splits = {name: pd.read_csv("s3://{}/{}/{}/{}.csv".format(s3_in_bucket, prefix, name, name),
                                sep=",")
              for name in ("train", "validate", "test")}
    everything = pd.concat(splits.values())
    nb_customer = int(everything["customer"].max()) + 1
    feature_dim = nb_customer + int(everything["product"].max()) + 1
    s3 = boto3.resource("s3")
    for name, frame in splits.items():
        X, y = _to_sparse(frame, nb_customer, feature_dim)
        buf = io.BytesIO()
        smac.write_spmatrix_to_sparse_tensor(buf, X, y if name != "test" else None)
        buf.seek(0)
        key = "{}/{}/{}.protobuf".format(s3_out_prefix.rstrip("/"), name, name)
        s3.Bucket(s3_out_bucket).Object(key).upload_fileobj(buf)
    return "SUCCESS"
