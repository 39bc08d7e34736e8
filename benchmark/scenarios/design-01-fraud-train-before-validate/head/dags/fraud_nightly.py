"""Nightly fraud training."""
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

with DAG(dag_id="fraud_nightly", schedule="@daily") as dag:
    ingest = BashOperator(task_id="ingest", bash_command="python -m fraud.ingest")
    validate = BashOperator(task_id="validate", bash_command="python -m fraud.validate")
    feature_build = BashOperator(task_id="feature_build", bash_command="python -m fraud.features")
    train = BashOperator(task_id="train", bash_command="python -m fraud.train")

    ingest >> feature_build >> train >> validate
