# %% [markdown]
# # Creating the TFDV schemas for the taxi-fare pipelines
#
# Infers a schema from a sample of the training table, then tightens it by hand:
# required features, the `payment_type` domain, and skew comparators for the categorical
# features. The result goes to `xgboost/<training|prediction>/assets/`.

# %%
import tensorflow_data_validation as tfdv
from google.cloud import bigquery

# %%
sample = bigquery.Client().query(
    "SELECT * FROM `preprocessing.train_data_xgb_training` TABLESAMPLE SYSTEM (5 PERCENT)"
).to_dataframe()
stats = tfdv.generate_statistics_from_dataframe(sample)
schema = tfdv.infer_schema(stats)

# %%
for name in ["payment_type", "company"]:
    tfdv.get_feature(schema, name).skew_comparator.infinity_norm.threshold = 0.01
schema.default_environment.extend(["TRAINING", "SERVING"])
tfdv.get_feature(schema, "total_fare").not_in_environment.append("SERVING")

# %%
tfdv.write_schema_text(schema, "xgboost/prediction/assets/tfdv_schema_serving.pbtxt")
