"""Fits a TensorFlow DNNRegressor, logs its test RMSE and the exported model to MLflow."""
import mlflow
import tensorflow as tf
from mlflow import tensorflow


def train(model_dir, training_pandas_data, test_pandas_data, label_col, feat_cols, hidden_units,
          steps, batch_size, training_data_path, test_data_path):
    print("train:", training_data_path, "test:", test_data_path, "steps:", steps, "batch_size:", batch_size)

    training_labels = training_pandas_data[label_col].values
    test_labels = test_pandas_data[label_col].values

    training_features, test_features, tf_feat_cols, feature_spec = {}, {}, [], {}
    for feat in feat_cols:
        training_features[feat] = training_pandas_data[feat].values
        test_features[feat] = test_pandas_data[feat].values
        tf_feat_cols.append(tf.feature_column.numeric_column(feat))
        feature_spec[feat] = tf.placeholder("float", name=feat, shape=[None])

    receiver_fn = tf.estimator.export.build_raw_serving_input_receiver_fn(feature_spec)

    # Input functions for the training and the test sets.
    input_train = tf.estimator.inputs.numpy_input_fn(training_features, training_labels,
                                                     shuffle=True, batch_size=batch_size)
    input_test = tf.estimator.inputs.numpy_input_fn(test_features, test_labels,
                                                    shuffle=False, batch_size=batch_size)

    regressor = tf.estimator.DNNRegressor(feature_columns=tf_feat_cols, hidden_units=hidden_units)
    regressor.train(input_fn=input_train, steps=steps)

    test_eval = regressor.evaluate(input_fn=input_test)
    test_rmse = test_eval["average_loss"] ** 0.5
    print("Test RMSE:", test_rmse)

    mlflow.log_param("num_train_points", len(training_labels))
    mlflow.log_metric("RMSE", test_rmse)

    saved = regressor.export_savedmodel(model_dir, receiver_fn).decode("utf-8")
    tensorflow.log_saved_model(saved_model_dir=saved, signature_def_key="predict", artifact_path="model")
    print("Run with id %s finished" % mlflow.tracking.active_run().info.run_uuid)
