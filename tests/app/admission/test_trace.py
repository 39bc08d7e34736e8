"""From a version to its commit and repository: run tags first, then version tags, then its source."""

from __future__ import annotations

from custody.reviewer.app.admission.trace import repository, trace

from tests.helpers import load_json

SHA = "3f786850e387550fdab836ed7e6dc881de23001b"


def test_a_real_runs_git_tags_give_the_commit() -> None:
    run = load_json("ml", "mlflow", "local_server_mlflow_3.17.2", "runs_get_champion_run.json")["run"]
    version = load_json("ml", "mlflow", "local_server_mlflow_3.17.2", "model-versions_get_v1.json")["model_version"]
    traced = trace(version, run)
    tags = {t["key"]: t["value"] for t in run["data"]["tags"]}
    assert traced.run_id == version["run_id"]
    assert traced.commit == tags["git_commit"] == "3f2a9c1" and traced.where == "the run's tags"  # abbreviated
    assert traced.repo is None  # the run names no remote
    assert (traced.trained_by, traced.registered_by) == ("root", None)  # MLflow kept no registering user


def test_mlflow_source_tags_win_over_version_tags() -> None:
    run = {"data": {"tags": [{"key": "mlflow.source.git.commit", "value": SHA},
                             {"key": "mlflow.source.git.repoURL", "value": "git@github.com:acme/fraud.git"}]}}
    version = {"run_id": "r1", "tags": [{"key": "git_commit", "value": "0" * 40}]}
    traced = trace(version, run)
    assert (traced.commit, traced.repo, traced.where) == (SHA, "acme/fraud", "the run's tags")


def test_without_a_run_the_version_tags_or_source_are_read() -> None:
    tagged = trace({"tags": {"git_sha": SHA.upper(), "repository": "acme/fraud"}}, None)
    assert (tagged.commit, tagged.repo, tagged.where) == (SHA, "acme/fraud", "the version's tags")
    sourced = trace({"source": f"s3://models/fraud/{SHA}/model"}, None)
    assert (sourced.commit, sourced.repo, sourced.where) == (SHA, None, "the version's source")
    assert trace({"tags": {"git_commit": "not-a-sha"}}, None).commit is None


def test_repositories_from_remotes() -> None:
    assert repository("https://github.com/acme/fraud-scoring.git") == "acme/fraud-scoring"
    assert repository("https://github.com/acme/fraud-scoring") == "acme/fraud-scoring"
    assert repository("git@github.com:acme/fraud.scoring.git") == "acme/fraud.scoring"
    assert repository("acme/fraud") == "acme/fraud"
    assert repository("https://gitlab.com/a/b/c") is None
    assert repository("acme/..") is None
