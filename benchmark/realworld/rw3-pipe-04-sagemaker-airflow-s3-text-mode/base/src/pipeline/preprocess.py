"""Pre-process the video reviews: drop the long tail, index users/items, split."""
import numpy as np
import pandas as pd
import s3fs


def _write(fs, frame, url):
    print("writing {}".format(url))
    with fs.open(url, "wb") as handle:
        frame.to_csv(handle, sep=",", index=False)


def preprocess(s3_in_url, s3_out_bucket, s3_out_prefix, delimiter=","):
    """Keep customers with 5+ ratings and videos with 10+ ratings, then split 60/20/20."""
    df = pd.read_csv(s3_in_url, sep=delimiter, on_bad_lines="skip")
    df = df[["customer_id", "product_id", "star_rating", "product_title"]]

    customers = df["customer_id"].value_counts()
    products = df["product_id"].value_counts()
    df = (df.merge(pd.DataFrame({"customer_id": customers[customers >= 5].index}))
            .merge(pd.DataFrame({"product_id": products[products >= 10].index}))
            .drop_duplicates(["customer_id", "product_id"]))

    customers = df["customer_id"].value_counts()
    products = df["product_id"].value_counts()
    df = (df.merge(pd.DataFrame({"customer_id": customers.index,
                                 "customer": np.arange(len(customers))}))
            .merge(pd.DataFrame({"product_id": products.index,
                                 "product": np.arange(len(products))})))

    ratings = df[["customer", "product", "star_rating"]].sample(frac=1)
    train, validate, test = np.split(ratings, [int(.6 * len(ratings)), int(.8 * len(ratings))])

    fs = s3fs.S3FileSystem(anon=False)
    prefix = s3_out_prefix.rstrip("/")
    for name, frame in (("train", train), ("validate", validate), ("test", test)):
        _write(fs, frame, "s3://{}/{}/{}/{}.csv".format(s3_out_bucket, prefix, name, name))
    return "SUCCESS"
