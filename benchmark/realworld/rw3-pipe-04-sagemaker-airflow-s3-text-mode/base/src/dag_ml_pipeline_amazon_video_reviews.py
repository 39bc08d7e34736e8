"""Airflow DAG: pre-process, prepare, train or tune, batch-score the video recommender."""
import json

import airflow
import boto3
import sagemaker
from airflow.contrib.hooks.aws_hook import AwsHook
from airflow.contrib.operators.sagemaker_training_operator import SageMakerTrainingOperator
from airflow.contrib.operators.sagemaker_transform_operator import SageMakerTransformOperator
from airflow.contrib.operators.sagemaker_tuning_operator import SageMakerTuningOperator
from airflow.models import DAG
from airflow.operators.dummy_operator import DummyOperator
from airflow.operators.python_operator import BranchPythonOperator, PythonOperator
from airflow.utils.trigger_rule import TriggerRule
from sagemaker.amazon.amazon_estimator import get_image_uri
from sagemaker.estimator import Estimator
from sagemaker.tuner import HyperparameterTuner
from sagemaker.workflow.airflow import (training_config, transform_config_from_estimator,
                                        tuning_config)

import config as cfg
from pipeline import prepare, preprocess

config = cfg.config


def hpo_enabled():
    return config.get("job_level", {}).get("run_hyperparameter_opt", "no").lower() == "yes"


def role_arn(role_name, region_name):
    return boto3.client("iam", region_name=region_name).get_role(RoleName=role_name)["Role"]["Arn"]


session = AwsHook(aws_conn_id="airflow-sagemaker").get_session(
    region_name=config["job_level"]["region_name"])
estimator = Estimator(
    image_name=get_image_uri(session.region_name, "factorization-machines"),
    role=role_arn(config["train_model"]["sagemaker_role"], session.region_name),
    sagemaker_session=sagemaker.session.Session(session),
    **config["train_model"]["estimator_config"],
)
HPO = hpo_enabled()
train_config = training_config(estimator=estimator, inputs=config["train_model"]["inputs"])
tuner_config = tuning_config(
    tuner=HyperparameterTuner(estimator=estimator, **config["tune_model"]["tuner_config"]),
    inputs=config["tune_model"]["inputs"])
transform_config = transform_config_from_estimator(
    estimator=estimator,
    task_id="model_tuning" if HPO else "model_training",
    task_type="tuning" if HPO else "training",
    **config["batch_transform"]["transform_config"],
)

dag = DAG(
    dag_id="sagemaker-ml-pipeline",
    default_args={"owner": "airflow", "start_date": airflow.utils.dates.days_ago(2)},
    schedule_interval=None,
    concurrency=1,
    max_active_runs=1,
    user_defined_filters={"tojson": lambda s: json.JSONEncoder().encode(s)},
)

start = DummyOperator(task_id="start", dag=dag)
preprocess_task = PythonOperator(task_id="preprocessing", dag=dag,
                                 python_callable=preprocess.preprocess,
                                 op_kwargs=config["preprocess_data"])
prepare_task = PythonOperator(task_id="preparing", dag=dag, python_callable=prepare.prepare,
                              op_kwargs=config["prepare_data"])
branching = BranchPythonOperator(
    task_id="branching", dag=dag,
    python_callable=lambda: "model_tuning" if HPO else "model_training")
train_task = SageMakerTrainingOperator(task_id="model_training", dag=dag, config=train_config,
                                       aws_conn_id="airflow-sagemaker",
                                       wait_for_completion=True, check_interval=30)
tune_task = SageMakerTuningOperator(task_id="model_tuning", dag=dag, config=tuner_config,
                                    aws_conn_id="airflow-sagemaker",
                                    wait_for_completion=True, check_interval=30)
predict_task = SageMakerTransformOperator(task_id="predicting", dag=dag, config=transform_config,
                                          aws_conn_id="airflow-sagemaker",
                                          wait_for_completion=True, check_interval=30,
                                          trigger_rule=TriggerRule.ONE_SUCCESS)
cleanup = DummyOperator(task_id="cleaning_up", dag=dag)

start.set_downstream(preprocess_task)
preprocess_task.set_downstream(prepare_task)
prepare_task.set_downstream(branching)
branching.set_downstream(tune_task)
branching.set_downstream(train_task)
tune_task.set_downstream(predict_task)
train_task.set_downstream(predict_task)
predict_task.set_downstream(cleanup)
