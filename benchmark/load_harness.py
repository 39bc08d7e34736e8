"""Load and faults, end to end: real `custody serve` and `custody worker` processes, the GitHub,
MLflow and model stand-in on loopback, signed deliveries from many senders, SIGKILLs, and checks
that every acknowledged delivery ended in one up-to-date summary comment per pull request."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
from custody.reviewer.app.demo.delivery import pull_request_delivery, signed_headers
from custody.reviewer.app.github.publisher import same_report
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.keys import throwaway_app_key
from custody.reviewer.app.standin.world import Fault, RepoState
from custody.reviewer.app.store import Store
from custody.reviewer.outcome.markdown import MARKER, MAX_COMMENT_CHARS
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "churn-retrain"
REPO, INSTALLATION = "acme/churn-model", 5
SECRET = "load-and-faults-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def world_with_prs(count: int, installations: int = 1) -> World:
    """The example repository with `count` pull requests, numbered 1..count, each on its own head.
    With more installations, the example is copied to one repository per installation (REPO in
    INSTALLATION, then REPO-2 in INSTALLATION + 1, ...), and the PRs are dealt out among them in turn."""
    world = World.from_scenario(EXAMPLE, installation_id=INSTALLATION)
    first = world.repo(REPO)
    assert first is not None
    template = first.pulls.pop(42)
    first.permissions["lead"] = "write"  # the commenter of the planned `/custody review` comments
    repos = [first] + [replace(first, full_name=f"{REPO}-{i + 1}", id=world.new_id(), installation_id=INSTALLATION + i,
                               trees=dict(first.trees), pulls={}, comments=[], review_comments=[], reviews=[],
                               check_runs=[], permissions=dict(first.permissions))
                       for i in range(1, installations)]
    for repo in repos[1:]:
        world.repos[repo.full_name.lower()] = repo
    for number in range(1, count + 1):
        repo = repos[(number - 1) % installations]
        repo.pulls[number] = replace(template, number=number, title=f"{template.title} (#{number})",
                                     head_ref=f"pr-{number}")
        world.push(repo.full_name, number, {**repo.trees[template.head_sha], f"notes/pr-{number}.md": b"first\n"})
    return world


def repo_of(world: World, number: int) -> RepoState:
    """The repository that holds pull request `number` (numbers are unique across repositories)."""
    return next(repo for repo in world.repos.values() if number in repo.pulls)


def faults() -> list[Fault]:
    """What goes wrong while the load runs: GitHub 5xx, a secondary rate limit with Retry-After, an
    expired installation token, writes GitHub performs but whose answer is lost, the registry down
    for a while, and the model endpoint overloaded."""
    return [
        Fault("POST", r"/issues/\d+/comments$", 500, times=4),
        # Performed, answer lost: a create sent again would make a second comment or check run.
        Fault("POST", r"/issues/\d+/comments$", 201, times=3, lost=True),
        Fault("POST", r"/check-runs$", 201, times=6, lost=True),
        Fault("POST", r"/pulls/\d+/reviews$", 200, times=3, lost=True),
        Fault("GET", r"/pulls/\d+$", 502, times=4),
        Fault("POST", r"/check-runs$", 403, headers={"Retry-After": "1"}, times=3,
              message="You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
        Fault("GET", r"/git/trees/", 401, times=3, message="Bad credentials"),
        Fault("GET", r"^/_mlflow/", 503, times=40, message="registry down"),
        # More overloads than the retries of the calls in flight can absorb (two worker processes of eight
        # threads, each call asked three times: 48), so some review must give the model up and say so,
        # however the calls interleave.
        Fault("POST", r"^/v1/messages$", 529, times=64, message="Overloaded"),
    ]


@dataclass
class Fleet:
    """The processes of one deployment; each may be SIGKILLed and started again."""

    env: dict[str, str]
    logs: Path
    port: int
    workers: int = 1
    threads: int = 2  # `custody worker --workers`: its review threads in older code, its compute slots now
    worker_args: tuple[str, ...] = ()  # more options for `custody worker`, e.g. ("--threads", "8")
    # The interpreter of the deployment: another checkout's venv runs that checkout's code on the same load.
    python: str = sys.executable
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _command(self, name: str) -> list[str]:
        cli = [self.python, "-m", "custody.reviewer.app.cli"]
        if name == "web":
            return [*cli, "serve", "--no-worker", "--host", "127.0.0.1", "--port", str(self.port)]
        return [*cli, "worker", "--workers", str(self.threads), *self.worker_args]

    def start(self, name: str) -> None:
        with (self.logs / f"{name}.log").open("ab") as log:
            self.procs[name] = subprocess.Popen(self._command(name), env=self.env, stdout=log,
                                                stderr=subprocess.STDOUT)

    def start_all(self) -> None:
        self.start("web")
        for i in range(self.workers):
            self.start(f"worker-{i}")
        self.wait_healthy()

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.procs["web"].poll() is not None:
                raise RuntimeError(f"custody serve exited; see {self.logs / 'web.log'}")
            time.sleep(0.2)
        raise RuntimeError("custody serve did not become healthy")

    def kill(self, name: str) -> None:
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def deployment_env(standin: StandIn, database_url: str, queue_url: str, home: Path,
                   pacing: str | None = None) -> dict[str, str]:
    """The environment of the deployment's processes. Without `pacing` GitHub calls are not paced at
    all (a load test of Custody, not of GitHub's limits); with it ("installation" or "process"), they
    are paced as in production (PyGithub's default intervals: 0.25 s between requests, 1 s between writes)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CUSTODY_", "ANTHROPIC_", "MLFLOW_", "OTEL_"))}
    env.update({
        "CUSTODY_HOME": str(home), "CUSTODY_WEBHOOK_SECRET": SECRET, "CUSTODY_APP_ID": "1",
        "CUSTODY_PRIVATE_KEY": throwaway_app_key(), "CUSTODY_GITHUB_API_URL": standin.base_url,
        "CUSTODY_DATABASE_URL": database_url, "CUSTODY_QUEUE_URL": queue_url,
        "MLFLOW_TRACKING_URI": f"{standin.base_url}/_mlflow",
        "CUSTODY_MLFLOW_SINGLE_TENANT": "true",  # one stand-in registry for the load's one installation
        "ANTHROPIC_API_KEY": "sk-ant-standin-key", "ANTHROPIC_BASE_URL": standin.base_url,
        # Short leases, so work a SIGKILLed worker held comes back within the test's time.
        "CUSTODY_JOB_LEASE_SECONDS": "15", "CUSTODY_LOG_FORMAT": "json",
    })
    if pacing is None:
        env.update({"CUSTODY_GITHUB_REQUEST_INTERVAL": "0", "CUSTODY_GITHUB_WRITE_INTERVAL": "0"})
    else:
        env["CUSTODY_GITHUB_PACING"] = pacing
    return env


@dataclass
class Delivery:
    number: int
    event: str
    payload: dict[str, Any]
    delivery_id: str
    push: bool = False  # a new head on the PR before this delivery is sent


def plan(world: World, prs: int, per_pr: int, seed: int = 7) -> dict[int, list[Delivery]]:
    """Per PR, `per_pr` deliveries in order: opened, then pushes, redeliveries, edits, commands."""
    rng = random.Random(seed)
    out: dict[int, list[Delivery]] = {}
    for number in range(1, prs + 1):
        steps: list[Delivery] = [Delivery(number, "pull_request", {"action": "opened"}, str(uuid.uuid4()))]
        while len(steps) < per_pr:
            roll = rng.random()
            if roll < 0.35:
                steps.append(Delivery(number, "pull_request", {"action": "synchronize"}, str(uuid.uuid4()), push=True))
            elif roll < 0.55:
                steps.append(replace(rng.choice(steps)))  # a redelivery keeps its X-GitHub-Delivery id
            elif roll < 0.7:
                steps.append(Delivery(number, "pull_request", {"action": "edited", "changes": {"title": {"from": "x"}}},
                                      str(uuid.uuid4())))
            elif roll < 0.85:
                steps.append(Delivery(number, "issue_comment", {"body": "/custody review"}, str(uuid.uuid4())))
            else:
                steps.append(Delivery(number, "pull_request", {"action": "labeled"}, str(uuid.uuid4())))
        out[number] = steps
    return out


def body_of(world: World, standin: StandIn, step: Delivery) -> bytes:
    repo = repo_of(world, step.number)
    name = repo.full_name
    info = world.pull_request_info(name, step.number)
    if step.event == "issue_comment":
        payload: dict[str, Any] = {
            "action": "created", "installation": {"id": repo.installation_id},
            "repository": {"full_name": name, "name": name.split("/")[1], "owner": {"login": "acme"}},
            "issue": {"number": step.number, "pull_request": {"url": f"{standin.base_url}/repos/{name}/pulls/"
                                                                     f"{step.number}"}},
            # One comment per planned delivery: a redelivery (same delivery id) is the same comment.
            "comment": {"id": uuid.UUID(step.delivery_id).int % 2**53, "body": step.payload["body"],
                        "user": {"login": "lead", "type": "User"}},
        }
    else:
        payload = pull_request_delivery(
            repo=name, number=step.number, title=info["title"], body=info["body"], author=info["author"],
            head_ref=info["head_ref"], head_sha=info["head_sha"], base_ref=info["base_ref"],
            base_sha=info["base_sha"], installation_id=repo.installation_id, api_url=standin.base_url,
            action=step.payload["action"])
        payload.update({k: v for k, v in step.payload.items() if k != "action"})
    return json.dumps(payload).encode()


@dataclass
class Sent:
    acknowledged: dict[str, int] = field(default_factory=dict)  # delivery id -> status
    attempts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def send_all(world: World, standin: StandIn, fleet: Fleet, planned: dict[int, list[Delivery]], senders: int,
             on_progress: Any = None) -> Sent:
    """Each PR's deliveries in order (pushes land on the stand-in first); PRs spread over `senders`
    threads. A delivery is sent until it is acknowledged: a web process killed mid-request is
    answered by the next one, as a redelivery with the same id."""
    sent = Sent()
    bodies: dict[str, bytes] = {}
    total = sum(len(s) for s in planned.values())
    done = [0]

    def one_pr(steps: list[Delivery]) -> None:
        with httpx.Client(timeout=10) as client:
            for step in steps:
                if step.push and step.delivery_id not in bodies:
                    repo = repo_of(world, step.number)
                    with standin.lock:
                        files = dict(repo.trees[repo.pulls[step.number].head_sha])
                        files[f"notes/pr-{step.number}.md"] = uuid.uuid4().hex.encode()
                        world.push(repo.full_name, step.number, files)
                body = bodies.setdefault(step.delivery_id, body_of(world, standin, step))
                headers = {**signed_headers(body, SECRET, step.event), "X-GitHub-Delivery": step.delivery_id}
                while True:
                    with sent.lock:
                        sent.attempts += 1
                    try:
                        answer = client.post(f"{fleet.url}/webhook", content=body, headers=headers)
                    except httpx.HTTPError:
                        time.sleep(0.2)
                        continue
                    if answer.status_code < 300:
                        with sent.lock:
                            sent.acknowledged[step.delivery_id] = answer.status_code
                            done[0] += 1
                            progress = done[0]
                        if on_progress is not None:
                            on_progress(progress, total)
                        break
                    time.sleep(0.2)  # a 5xx from a web process on its way down: send again

    with ThreadPoolExecutor(max_workers=senders) as pool:
        list(pool.map(one_pr, planned.values()))
    return sent


def head_reviewed(store: Store, repo: str, number: int, head_sha: str, base_sha: str) -> bool:
    """A review of this head is recorded, read in SQL that every schema since the first answers (the
    reviews' repo, number and head_sha), for a deployment of older code whose store this code did
    not migrate. The load never moves a base, so the head alone decides."""
    with store.engine.connect() as connection:
        return connection.execute(text(
            "SELECT 1 FROM reviews WHERE repo = :repo AND number = :number AND head_sha = :head LIMIT 1"),
            {"repo": repo, "number": number, "head": head_sha}).first() is not None


def wait_until_settled(store: Store, world: World, prs: int, timeout: float,
                       reviewed: Callable[[Store, str, int, str, str], bool] | None = None) -> dict[int, str]:
    """Until every job is finished and every PR's latest recorded review is of its final head
    (`reviewed` decides; by default the store's own review_done, head and base)."""
    deadline = time.monotonic() + timeout
    pulls = {n: (repo_of(world, n).full_name, repo_of(world, n).pulls[n]) for n in range(1, prs + 1)}
    final = {n: pr.head_sha for n, (_, pr) in pulls.items()}
    done = reviewed or Store.review_done
    while time.monotonic() < deadline:
        behind = [n for n, (name, pr) in pulls.items() if not done(store, name, n, pr.head_sha, pr.base_sha)]
        with store.engine.connect() as connection:
            open_jobs = connection.execute(text(
                "SELECT count(*) FROM deliveries WHERE job IS NOT NULL AND finished_at IS NULL")).scalar()
        if not behind and not open_jobs:
            return final
        time.sleep(1)
    raise AssertionError(f"not settled after {timeout:.0f} s: {len(behind)} PR(s) without a review of their head")


def check_runs_per_head(world: World) -> Counter[str]:
    """How many check runs each head has, across every repository."""
    return Counter(str(run["head_sha"]) for repo in world.repos.values() for run in repo.check_runs)


def stale_comments(store: Store, world: World, comments: dict[int, list[dict[str, Any]]],
                   final: dict[int, str]) -> list[int]:
    """PRs whose summary neither names the final head nor says what the final head's review said
    (a push that changes nothing reported leaves the comment as it was)."""
    stale = []
    with store.engine.connect() as connection:
        for number, posted in comments.items():
            body = str(posted[0]["body"])
            if f"head `{final[number][:7]}`" in body:
                continue
            recorded = connection.execute(text(
                "SELECT comment FROM reviews WHERE repo = :repo AND number = :number AND head_sha = :head "
                "ORDER BY id DESC LIMIT 1"), {"repo": repo_of(world, number).full_name, "number": number,
                                                "head": final[number]}).scalar()
            if recorded is None or not same_report(body, str(recorded)[:MAX_COMMENT_CHARS]):
                stale.append(number)
    return stale


def inline_repeats(world: World) -> dict[int, int]:
    """PRs on which one finding's inline comment was posted more than once: how many extra."""
    seen = Counter((str(c["pull_request_url"]).rsplit("/", 1)[1], str(c["body"]).split("-->", 1)[0])
                   for repo in world.repos.values() for c in repo.review_comments)
    extra: Counter[int] = Counter()
    for (number, _), n in seen.items():
        if n > 1:
            extra[int(number)] += n - 1
    return dict(extra)


def summary_comments(world: World) -> dict[int, list[dict[str, Any]]]:
    """The summary comments on each PR, across every repository."""
    out: dict[int, list[dict[str, Any]]] = {}
    for repo in world.repos.values():
        for comment in repo.comments:
            if MARKER in str(comment["body"]):
                out.setdefault(int(str(comment["issue_url"]).rsplit("/", 1)[1]), []).append(comment)
    return out


def completed_check_heads(world: World) -> set[str]:
    """The heads with a completed check run, across every repository."""
    return {run["head_sha"] for repo in world.repos.values() for run in repo.check_runs
            if run.get("status") == "completed"}
