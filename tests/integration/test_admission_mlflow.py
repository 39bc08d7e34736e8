"""Admission against a real MLflow server: a webhook registered through its API delivers an alias
move to Custody's webhook app on loopback; the worker judges it and reports on the stand-in's PR,
and moves the alias back when the repository asks."""

from __future__ import annotations

import dataclasses
import functools
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from custody.reviewer.app.admission.connect import connect
from custody.reviewer.app.admission.events import route
from custody.reviewer.app.admission.service import CHECK_NAME
from custody.reviewer.app.cli import main
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.queue.durable import JobQueue, process
from custody.reviewer.app.queue.workers import BackgroundWorker
from custody.reviewer.app.sources.mlflow import MlflowRegistry, shared_target
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.keys import throwaway_app_key
from custody.reviewer.app.standin.world import Fault, PullRequestState, RepoState, tree_sha
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.gather.review_input import ArtifactUnavailable
from custody.reviewer.settings import Settings
from github import GithubException

URI = os.environ.get("MLFLOW_TEST_URI")
pytestmark = [pytest.mark.mlflow,
              pytest.mark.skipif(not URI, reason="MLFLOW_TEST_URI is not set (bash .ci/mlflow.sh starts one)")]
API = "/api/2.0/mlflow"
REPO, NUMBER = "acme/fraud-scoring", 12
FAST = {"seconds_between_requests": None, "seconds_between_writes": None, "retry": None}
POLICY = """promotion:
  registered_model: {model}
  production_alias: champion
  primary_metric: val_auc
  min_improvement: 0.01
  guardrails:
    p95_latency_ms: {{max: 80}}
  on_violation: {on_violation}
"""

# The PR's card promises the AUC of the version it trained (v2 below): at admission, the card is
# checked against whichever version took the alias.
CARD = """---
model-index:
- name: {model}
  results:
  - task:
      type: tabular-classification
    dataset:
      name: Transactions Q3 holdout
      type: acme/transactions_2026q3
    metrics:
    - type: val_auc
      value: 0.889
---

# {model}

Scores card transactions for fraud.
"""


def call(client: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(f"{API}/{path}", json=body)
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()
    return data


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(what: str, probe: Callable[[], Any], seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


@dataclass
class Registry:
    """A registered model with three versions trained from the PR's head commit."""

    client: httpx.Client
    model: str
    commit: str
    experiment: str = ""

    def __post_init__(self) -> None:
        call(self.client, "registered-models/create", {"name": self.model})
        self.experiment = str(call(self.client, "experiments/create", {"name": f"exp-{self.model}"})["experiment_id"])

    def version(self, auc: float, latency: float) -> str:
        run_id: str = call(self.client, "runs/create", {"experiment_id": self.experiment, "start_time": 1,
                                                        "user_id": "training-job"})["run"]["info"]["run_id"]
        call(self.client, "runs/log-batch", {"run_id": run_id, "metrics": [
            {"key": "val_auc", "value": auc, "timestamp": 1, "step": 0},
            {"key": "p95_latency_ms", "value": latency, "timestamp": 1, "step": 0}], "tags": [
            {"key": "mlflow.source.git.commit", "value": self.commit},
            {"key": "mlflow.source.git.repoURL", "value": f"https://github.com/{REPO}.git"}]})
        created = call(self.client, "model-versions/create", {"name": self.model, "source": f"runs:/{run_id}/model",
                                                              "run_id": run_id})
        return str(created["model_version"]["version"])

    def champion(self) -> str | None:
        found = self.client.get(f"{API}/registered-models/get", params={"name": self.model}).json()
        return next((a["version"] for a in found["registered_model"].get("aliases", []) if a["alias"] == "champion"),
                    None)

    def move(self, version: str) -> None:
        call(self.client, "registered-models/alias", {"name": self.model, "alias": "champion", "version": version})


@pytest.fixture()
def custody(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[World, Settings, Store, str]]:
    """The stand-in with the fraud repository, and Custody's web app and worker on loopback."""
    model = f"fraud-{uuid.uuid4().hex[:8]}"
    on_violation = getattr(request, "param", "revert")
    base = {".github/custody.yml": POLICY.format(model=model, on_violation=on_violation).encode()}
    head = {**base, "MODEL_CARD.md": CARD.format(model=model).encode(), "train.py": b"print('fit')\n"}
    world = World()
    repo = world.repos.setdefault(REPO, RepoState(REPO, world.new_id(), 7))
    repo.trees[tree_sha(base)], repo.trees[tree_sha(head)] = base, head
    repo.pulls[NUMBER] = PullRequestState(number=NUMBER, title="Retrain the fraud scorer on Q3", body="", author="ana",
                                          base_ref="main", head_ref="retrain-q3", base_sha=tree_sha(base),
                                          head_sha=tree_sha(head), merged_at="2026-12-01T10:00:00Z")
    store = Store(f"sqlite:///{tmp_path / 'custody.db'}")
    store.upgrade()
    with StandIn(world) as standin:
        settings = Settings(webhook_secret="gh-secret", mlflow_webhook_secret=f"mlflow-{uuid.uuid4().hex}",
                            app_id="1", private_key=throwaway_app_key(), github_api_url=standin.base_url,
                            mlflow_tracking_uri=URI, database_url=f"sqlite:///{tmp_path / 'custody.db'}",
                            queue_url=f"sqlite:///{tmp_path / 'queue.db'}")
        queue = JobQueue(settings, functools.partial(handle_job, **FAST))
        worker = BackgroundWorker(queue)
        worker.start()
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(settings, store, queue.enqueue), host="127.0.0.1",
                                               port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        wait_for("the webhook app", lambda: server.started)
        try:
            yield world, settings, store, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            worker.stop()
            store.close()


def admission_runs(world: World) -> list[dict[str, Any]]:
    repo = world.repo(REPO)
    assert repo is not None
    return [run for run in repo.check_runs if run["name"] == CHECK_NAME]


def test_a_hand_moved_champion_is_judged_reported_and_reverted(custody: tuple[World, Settings, Store, str]) -> None:
    world, settings, store, url = custody
    head = world.pull_request_info(REPO, NUMBER)["head_sha"]
    assert settings.mlflow_webhook_secret is not None
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        registry = Registry(client, store_model(world), head)
        champion = registry.version(auc=0.871, latency=41)  # v1
        good = registry.version(auc=0.889, latency=44)  # v2: +0.018, within the guardrail
        bad = registry.version(auc=0.874, latency=95)  # v3: +0.003, and 95 ms is over the 80 ms guardrail
        registry.move(champion)
        mlflow = MlflowRegistry(shared_target(settings))
        try:
            done = connect(mlflow, store, url, settings.mlflow_webhook_secret, [registry.model])
        except ArtifactUnavailable as exc:  # a server started before .ci/mlflow.sh set the webhook variables
            pytest.fail(f"{exc}: restart the server with .ci/mlflow.sh (MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS, "
                        "MLFLOW_WEBHOOK_ALLOWED_SCHEMES)")
        try:
            assert done.test_ok and done.test_status == 202, done
            assert done.seeded == {registry.model: {"champion": champion}}
            # MLflow caches its list of webhooks per event (MLFLOW_WEBHOOK_CACHE_TTL, 1 s in .ci/mlflow.sh):
            # the move above cached "none"; a move within the second would not be delivered.
            time.sleep(1.5)

            started = time.monotonic()
            registry.move(bad)  # by hand, as a notebook would
            failing = wait_for("a failing admission check", lambda: [r for r in admission_runs(world)
                                                                      if r["conclusion"] == "failure"])
            to_check = time.monotonic() - started
            wait_for("the alias moved back", lambda: registry.champion() == champion)
            to_revert = time.monotonic() - started
            assert failing[0]["head_sha"] == head
            comments = wait_for("the comment on the PR", lambda: [c for c in pr_comments(world)
                                                                  if "custody:admission" in c["body"]])
            wait_for("the admission record", lambda: store.admissions(REPO))
            assert len(comments) == 1
            body = comments[0]["body"]
            assert comments[0]["issue_url"].endswith(f"/issues/{NUMBER}")
            headline = f"`@champion` of `{registry.model}` now points at v{bad}** (it was v{champion}); the gate fails"
            assert headline in body
            assert "p95_latency_ms = 95" in body and "must beat the champion" in body
            assert "`card.metric-matches-registry`" in body and "0.889" in body  # the card's claim, this version
            assert f"Custody moved `@champion` back to v{champion}" in body and "by whom" in body
            assert "from a run by training-job." in body
            (event,) = store.admissions(REPO)
            assert (event.version, event.previous_version, event.conclusion, event.reverted_to, event.number) == \
                (bad, champion, "failure", champion, NUMBER)

            started = time.monotonic()
            registry.move(good)
            passing = wait_for("a passing admission check", lambda: [r for r in admission_runs(world)
                                                                      if r["conclusion"] == "success"])
            to_pass = time.monotonic() - started
            assert passing[0]["head_sha"] == head
            assert registry.champion() == good  # a passing move is left where it is
            time.sleep(1.5)  # the echo of Custody's own revert was judged by nobody: still one failing run
            assert len([r for r in admission_runs(world) if r["conclusion"] == "failure"]) == 1
            print(f"\nadmission latency: failing check {to_check:.2f}s, revert {to_revert:.2f}s, "
                  f"passing check {to_pass:.2f}s")
        finally:
            mlflow.delete_webhook(done.webhook_id)


def pr_comments(world: World) -> list[dict[str, Any]]:
    repo = world.repo(REPO)
    assert repo is not None
    return list(repo.comments)


def store_model(world: World) -> str:
    """The registered model the fixture's policy names."""
    repo = world.repo(REPO)
    assert repo is not None
    text = next(iter(repo.trees.values()))[".github/custody.yml"].decode()
    return text.split("registered_model: ", 1)[1].split()[0]


def test_an_mlflow_that_is_down_while_the_event_is_processed(custody: tuple[World, Settings, Store, str]) -> None:
    """The job fails for the queue to retry, nothing is published or recorded, and the retry after
    MLflow is back judges and reverts as if nothing had happened."""
    world, settings, store, _ = custody
    handler = functools.partial(handle_job, **FAST)
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        registry = Registry(client, store_model(world), world.pull_request_info(REPO, NUMBER)["head_sha"])
        champion = registry.version(auc=0.871, latency=41)
        bad = registry.version(auc=0.874, latency=95)
        registry.move(champion)
        store.move_alias(registry.model, "champion", champion, "registry")
        registry.move(bad)  # no webhook here: the delivery is made below, as the web app would queue it
        routed = route("model_version_alias", "created", {"entity": "model_version_alias", "action": "created",
                       "timestamp": "2026-12-06T20:44:44+00:00",
                       "data": {"name": registry.model, "alias": "champion", "version": bad}}, "down-1")
        job = routed.job
        assert job is not None
        assert store.accept_delivery(job.delivery_id, "mlflow.model_version_alias.created", "created", job.repo,
                                     job.number, None, job.model_dump_json())
        down = dataclasses.replace(settings, mlflow_tracking_uri="http://127.0.0.1:9")
        with pytest.raises(ArtifactUnavailable, match="could not be reached"):
            process(job, down, store, handler)
        assert not store.delivery_finished(job.delivery_id)
        assert admission_runs(world) == [] and store.admissions(REPO) == []
        assert registry.champion() == bad
        position = store.alias_position(registry.model, "champion")
        assert position is not None and position.version == champion  # the champion is still known

        assert process(job, settings, store, handler) == "done"
        assert [r["conclusion"] for r in admission_runs(world)] == ["failure"]
        assert registry.champion() == champion
        assert store.delivery_finished(job.delivery_id)


@pytest.mark.parametrize("custody", ["report"], indirect=True)
def test_without_a_pr_an_issue_is_opened_and_report_only_leaves_the_alias(
        custody: tuple[World, Settings, Store, str]) -> None:
    world, settings, store, _ = custody
    handler = functools.partial(handle_job, **FAST)
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        registry = Registry(client, store_model(world), "b" * 40)  # trained from a commit no PR holds
        champion = registry.version(auc=0.871, latency=41)
        bad = registry.version(auc=0.874, latency=95)
        store.move_alias(registry.model, "champion", champion, "registry")
        registry.move(bad)
        job = route("model_version_alias", "created", {"entity": "model_version_alias", "action": "created",
                    "data": {"name": registry.model, "alias": "champion", "version": bad}}, "no-pr").job
        assert job is not None
        assert process(job, settings, store, handler) == "done"
        assert registry.champion() == bad  # report only: the alias stays where it was moved
    repo = world.repo(REPO)
    assert repo is not None
    (issue,) = [i for i in repo.issues.values() if "custody:admission" in i["body"]]
    wanted = f"@champion of {registry.model} now points at v{bad}, which fails the promotion gate"
    assert issue["title"].replace("\u200b", "") == wanted  # the title is written inert: no mention
    assert "Custody moved" not in issue["body"]
    assert [r["head_sha"] for r in admission_runs(world)] == ["b" * 40]
    (event,) = store.admissions(REPO)
    assert (event.number, event.reverted_to, event.reported_at) == (None, None, issue["html_url"])


def test_an_app_without_issues_write_still_publishes_the_check_and_records(
        custody: tuple[World, Settings, Store, str]) -> None:
    world, settings, store, _ = custody
    world.faults.append(Fault("POST", r"/issues$", 403, message="Resource not accessible by integration"))
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        registry = Registry(client, store_model(world), "c" * 40)
        champion = registry.version(auc=0.871, latency=41)
        bad = registry.version(auc=0.874, latency=95)
        store.move_alias(registry.model, "champion", champion, "registry")
        registry.move(bad)
        job = route("model_version_alias", "created", {"entity": "model_version_alias", "action": "created",
                    "data": {"name": registry.model, "alias": "champion", "version": bad}}, "no-issues").job
        assert job is not None
        assert process(job, settings, store, functools.partial(handle_job, **FAST)) == "done"
    assert [r["conclusion"] for r in admission_runs(world)] == ["failure"]
    (event,) = store.admissions(REPO)
    assert (event.conclusion, event.reported_at, event.reverted_to) == ("failure", None, champion)


def test_a_job_that_reverted_then_failed_to_publish_says_so_when_retried(
        custody: tuple[World, Settings, Store, str]) -> None:
    world, settings, store, _ = custody
    handler = functools.partial(handle_job, **FAST)
    world.faults.append(Fault("POST", rf"/issues/{NUMBER}/comments$", 502))
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        registry = Registry(client, store_model(world), world.pull_request_info(REPO, NUMBER)["head_sha"])
        champion = registry.version(auc=0.871, latency=41)
        bad = registry.version(auc=0.874, latency=95)
        store.move_alias(registry.model, "champion", champion, "registry")
        registry.move(bad)
        job = route("model_version_alias", "created", {"entity": "model_version_alias", "action": "created",
                    "data": {"name": registry.model, "alias": "champion", "version": bad}}, "retried").job
        assert job is not None
        assert store.accept_delivery(job.delivery_id, "mlflow.model_version_alias.created", "created", job.repo,
                                     job.number, None, job.model_dump_json())
        with pytest.raises(GithubException):
            process(job, settings, store, handler)
        assert registry.champion() == champion and store.admissions(REPO) == []
        assert process(job, settings, store, handler) == "done"
        assert registry.champion() == champion
    (comment,) = [c for c in pr_comments(world) if "custody:admission" in c["body"]]
    assert f"Custody moved `@champion` back to v{champion}" in comment["body"]
    (event,) = store.admissions(REPO)
    assert event.reverted_to == champion


def test_moves_the_policy_does_not_govern_are_noted_and_not_judged(custody: tuple[World, Settings, Store, str]) -> None:
    """Another alias, a version with no git trace, and a model the traced repository's policy does
    not name: nothing is published, and the alias's position is still noted for the next move."""
    world, settings, store, _ = custody
    handler = functools.partial(handle_job, **FAST)
    head = world.pull_request_info(REPO, NUMBER)["head_sha"]

    def admit(model: str, alias: str, version: str) -> None:
        job = route("model_version_alias", "created", {"entity": "model_version_alias", "action": "created",
                    "data": {"name": model, "alias": alias, "version": version}}, uuid.uuid4().hex).job
        assert job is not None
        assert process(job, settings, store, handler) == "done"

    with httpx.Client(base_url=URI or "", timeout=20) as client:
        governed = Registry(client, store_model(world), head)
        bad = governed.version(auc=0.5, latency=500)
        admit(governed.model, "challenger", bad)  # not the production alias
        untraced = Registry(client, f"untraced-{uuid.uuid4().hex[:8]}", head)
        run_id = call(client, "runs/create", {"experiment_id": untraced.experiment})["run"]["info"]["run_id"]
        version = call(client, "model-versions/create", {"name": untraced.model, "source": f"runs:/{run_id}/m",
                                                         "run_id": run_id})["model_version"]["version"]
        admit(untraced.model, "champion", version)  # its run says nothing of git
        stranger = Registry(client, f"stranger-{uuid.uuid4().hex[:8]}", head)  # trained from the same repository
        admit(stranger.model, "champion", stranger.version(auc=0.5, latency=500))
    assert admission_runs(world) == [] and pr_comments(world) == [] and store.admissions() == []
    for model, alias in ((governed.model, "challenger"), (untraced.model, "champion"), (stranger.model, "champion")):
        assert store.alias_position(model, alias) is not None


def test_the_connect_command_registers_tests_and_replaces_its_webhook(
        custody: tuple[World, Settings, Store, str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    world, settings, store, url = custody
    for name, value in (("CUSTODY_MLFLOW_URI", URI or ""), ("CUSTODY_DATABASE_URL", settings.database_url),
                        ("CUSTODY_MLFLOW_WEBHOOK_SECRET", settings.mlflow_webhook_secret or "")):
        monkeypatch.setenv(name, value)
    mlflow = MlflowRegistry(shared_target(settings))
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        registry = Registry(client, store_model(world), "d" * 40)
        registry.move(registry.version(auc=0.8, latency=10))
    try:
        assert main(["mlflow", "connect", "--url", url, "--model", registry.model]) == 0
        assert main(["mlflow", "connect", "--url", url]) == 0  # again: the first webhook is replaced
        out = capsys.readouterr().out
        assert f"{registry.model}: @champion = v1" in out and "(replaced 1)" in out
        noted = store.alias_position(registry.model, "champion")  # the first move's champion is known
        assert noted is not None and noted.version == "1"
        assert out.count("test delivery: Custody answered 202") == 2
        ours = [w for w in mlflow.webhooks() if w.get("url") == f"{url}/mlflow/webhook"]
        assert len(ours) == 1 and "secret" not in ours[0]  # MLflow never hands the secret back
    finally:
        for webhook in mlflow.webhooks():
            if webhook.get("url") == f"{url}/mlflow/webhook":
                mlflow.delete_webhook(str(webhook["webhook_id"]))


def test_a_move_overtaken_by_a_later_one_is_left_to_the_later_ones_event(
        custody: tuple[World, Settings, Store, str]) -> None:
    """Events of one model can run out of order (one waits for the model's lease while a later one runs,
    or Custody's own revert echoes after the next move): a move the alias has already left is not judged,
    reported or reverted; the event of the move that stands is."""
    world, settings, store, _ = custody
    handler = functools.partial(handle_job, **FAST)
    head = world.pull_request_info(REPO, NUMBER)["head_sha"]
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        registry = Registry(client, store_model(world), head)
        champion = registry.version(auc=0.871, latency=41)
        bad = registry.version(auc=0.874, latency=95)  # over the latency guardrail: would fail and be reverted
        registry.move(champion)
        store.move_alias(registry.model, "champion", champion, "registry")
        registry.move(bad)
        registry.move(champion)  # moved back by hand before Custody took the first event
        job = route("model_version_alias", "created", {"entity": "model_version_alias", "action": "created",
                    "data": {"name": registry.model, "alias": "champion", "version": bad}}, uuid.uuid4().hex).job
        assert job is not None
        assert process(job, settings, store, handler) == "done"
        assert registry.champion() == champion  # nothing reverted
    assert admission_runs(world) == [] and pr_comments(world) == [] and store.admissions(REPO) == []
