"""The load test's time to settle at production pacing: PyGithub's pauses per client (the old
pacing) against one budget per installation shared by every worker (the new), on the same load.

The load: PRS pull requests dealt out among INSTALLATIONS installations (one repository each),
PER_PR deliveries per PR in order (opened, pushes, redeliveries, edits, `/custody review` comments:
load_harness.plan), sent to `custody serve --no-worker` with `custody worker` processes of two review
threads each, against a stand-in that keeps GitHub's limits (5,000 requests an hour and 80
content-creating requests a minute per installation, 403 with Retry-After beyond) and answers a few
check-run writes with a secondary rate limit besides. Each worker thread first reviews a warm-up PR
(long-running workers have loaded what a first review loads), then the clock starts: timed from the
first delivery until every job has finished and every PR's latest review is of its final head; then
checked that each PR has one summary comment, about its final head (none lost, none duplicated).
PostgreSQL and Redis with two
worker processes when CUSTODY_TEST_POSTGRES_URL and CUSTODY_TEST_REDIS_URL are set (`make bench`),
otherwise SQLite with one.

Run as a module, it sends the load to another checkout's code (`--python` of that checkout's venv),
to measure the load against an older version on the same stand-in: README, "The load test against
the code of 5b4f70a".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from custody.reviewer.app.queue.compute import threads_for
from custody.reviewer.app.standin import StandIn
from custody.reviewer.app.standin.limits import SECONDARY, Limits
from custody.reviewer.app.standin.world import Fault
from custody.reviewer.app.store import Store
from sqlalchemy import create_engine, text

from benchmark import load_harness as harness

PRS = int(os.environ.get("CUSTODY_BENCH_PACING_PRS", "32"))
PER_PR = int(os.environ.get("CUSTODY_BENCH_PACING_PER_PR", "2"))
INSTALLATIONS = int(os.environ.get("CUSTODY_BENCH_PACING_INSTALLATIONS", "8"))
SENDERS = 8
THREADS = 2  # each worker process's `--workers`: its compute slots (it holds compute.THREADS_PER_SLOT jobs each)
SETTLE_S = 600


def _distributed() -> bool:
    return bool(os.environ.get("CUSTODY_TEST_POSTGRES_URL") and os.environ.get("CUSTODY_TEST_REDIS_URL"))


@contextmanager
def _deployment() -> Iterator[tuple[str, str, int]]:
    """(database URL, queue URL, worker processes) on fresh databases."""
    postgres, redis = os.environ.get("CUSTODY_TEST_POSTGRES_URL", ""), os.environ.get("CUSTODY_TEST_REDIS_URL", "")
    if not _distributed():
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/custody.db", f"sqlite:///{folder}/queue.db", 1
        return
    import redis as redis_client

    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    queue = redis.rsplit("/", 1)[0] + "/14"
    redis_client.Redis.from_url(queue).flushdb()
    try:
        yield postgres.rsplit("/", 1)[0] + f"/{name}", queue, 2
    finally:
        redis_client.Redis.from_url(queue).flushdb()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _shape(path: str) -> str:
    """A request path with its numbers and shas as N: the kind of request."""
    return re.sub(r"/[0-9a-f]{7,40}(?=/|$)|/\d+", "/N", re.sub(r"^/repos/[^/]+/[^/]+", "/repos/R", path))


def settle(pacing: str, python: str = sys.executable, prs: int = PRS, per_pr: int = PER_PR,
           installations: int = INSTALLATIONS, per_worker: int = THREADS,
           worker_args: tuple[str, ...] = ()) -> dict[str, Any]:
    """Send the load once with `pacing` ("process" or "installation"); time it and check the result.
    `python` is the deployment's interpreter: another checkout's venv runs that code on the same load
    and the same stand-in (an older deployment knows no CUSTODY_GITHUB_PACING and keeps PyGithub's
    own pauses). `per_worker` is each worker process's `--workers` (its threads in code older than the
    compute slots, its compute slots since), `worker_args` more of its options (`--threads 8`).
    The checks read the store in SQL every schema answers, since that code migrates it."""
    warmups = (2 if _distributed() else 1) * per_worker
    # PRs 1..warmups are the warm-up ones; the load is on the prs after them.
    world = harness.world_with_prs(warmups + prs, installations)
    limits = world.limits = Limits()
    planned = {n: steps for n, steps in harness.plan(world, warmups + prs, per_pr).items() if n > warmups}
    with _deployment() as (database, queue, workers), StandIn(world) as standin, \
            tempfile.TemporaryDirectory() as home:
        env = harness.deployment_env(standin, database, queue, Path(home), pacing=pacing)
        env.pop("ANTHROPIC_API_KEY")  # deterministic reviews: GitHub's pacing, not a model's latency
        fleet = harness.Fleet(env, Path(home), harness.free_port(), workers=workers, threads=per_worker, python=python,
                             worker_args=worker_args)
        fleet.start_all()  # the web process migrates the store to its own code's schema
        store = Store(database)
        try:
            warm = {n: [harness.Delivery(n, "pull_request", {"action": "opened"}, str(uuid.uuid4()))]
                    for n in range(1, warmups + 1)}
            harness.send_all(world, standin, fleet, warm, SENDERS)
            harness.wait_until_settled(store, world, warmups, SETTLE_S, reviewed=harness.head_reviewed)
            with store.engine.connect() as connection:
                warm_reviews = connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0
            time.sleep(2)  # the write interval of the warm-up's last writes has passed
            warm_requests = len(standin.requests)
            limits.refused.clear()
            world.faults.append(Fault("POST", r"/check-runs$", 403, headers={"Retry-After": "2"}, times=3,
                                      message=SECONDARY))
            started, load = time.monotonic(), os.getloadavg()[0]
            harness.send_all(world, standin, fleet, planned, SENDERS)
            final = {n: head for n, head in harness.wait_until_settled(
                store, world, warmups + prs, SETTLE_S, reviewed=harness.head_reviewed).items() if n > warmups}
            elapsed = time.monotonic() - started
            with store.engine.connect() as connection:
                unfinished = connection.execute(text(
                    "SELECT count(*) FROM deliveries WHERE job IS NOT NULL AND finished_at IS NULL")).scalar()
                reviews = (connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0) - warm_reviews
            comments = harness.summary_comments(world)
            loaded = {n: comments[n] for n in final if len(comments.get(n, [])) == 1}
            stale = harness.stale_comments(store, world, loaded, final)
        finally:
            store.close()
            fleet.stop_all()
            if os.environ.get("CUSTODY_BENCH_LOGS"):  # the deployment's logs, to see where the time went
                shutil.copytree(home, Path(os.environ["CUSTODY_BENCH_LOGS"]) / uuid.uuid4().hex[:8],
                                ignore=shutil.ignore_patterns("cache*", "*.db*"))
        github = standin.counts(warm_requests)
        kinds = Counter(f"{x['method']} {_shape(x['path'])} {x['status']}"
                        for x in standin.requests[warm_requests:] if x["method"] != "GET")
        runs = harness.check_runs_per_head(world)
    return {"settle_s": round(elapsed, 1), "load_1min": [round(load, 2), round(os.getloadavg()[0], 2)],
            "reviews": int(reviews or 0), "github": github,
            "per_review": {"requests": round(github["requests"] / max(1, reviews or 0), 1),
                           "writes": round(github["writes"] / max(1, reviews or 0), 1)},
            "writes_by_kind": dict(kinds.most_common()), "refused_by_github": dict(limits.refused),
            "lost": int(unfinished or 0),
            "duplicated": sum(1 for n in final if len(comments.get(n, [])) > 1),
            "missing": sum(1 for n in final if not comments.get(n)), "stale": len(stale),
            "check_runs_on_final_heads": max((runs[final[n]] for n in final), default=0), "workers": workers}


# The same load as `make bench` runs (the defaults above, PostgreSQL and Redis, two worker processes) on
# the code of issue 19's filing, commit 5b4f70a (PyGithub's own pauses per client: 0.25 s between
# requests, 1 s between writes), measured on 2026-12-06 with the command of README's "The load test
# against the code of 5b4f70a". Recorded once: `make bench` does not run the old code.
RECORDED_BASELINE: dict[str, Any] = {
    "commit": "5b4f70a", "measured_on": "2026-12-06", "prs": 32, "deliveries": 64, "installations": 8,
    "worker_processes": 2, "worker": "custody worker --workers 2: two review threads", "settle_s": [45.3, 42.2, 44.6],
    "note": "measured once on 2026-12-06 with commit 5b4f70a, not in this run",
}


def bench_pacing() -> dict[str, Any]:
    old, new = settle("process"), settle("installation")
    shape = {"prs": PRS, "deliveries": PRS * PER_PR, "installations": INSTALLATIONS, "worker_processes": old["workers"]}
    same = all(RECORDED_BASELINE[k] == v for k, v in shape.items())
    recorded = statistics.median(RECORDED_BASELINE["settle_s"])
    return {**shape, "worker": f"custody worker --workers {THREADS}: {THREADS} compute slots, "
                               f"{threads_for(THREADS, None)} jobs held",
            "process_pacing": old, "installation_pacing": new,
            "speedup": round(old["settle_s"] / new["settle_s"], 2),
            "baseline_5b4f70a_recorded": RECORDED_BASELINE,
            # Two numbers from different runs (and machine loads): a guide, not a side-by-side measurement.
            "installation_pacing_vs_recorded_baseline": round(recorded / new["settle_s"], 2) if same else None,
            "target": "installation pacing settles >= 2x faster, nothing lost or duplicated, no write refused; "
                      ">= 2x faster than the recorded 5b4f70a baseline (issue 19)"}


def main(argv: list[str]) -> int:
    """One JSON line per run of the load, e.g. the same load on another checkout's code:
    `python -m benchmark.pacing_bench --python /tmp/base5b/.venv/bin/python --installations 1`."""
    parser = argparse.ArgumentParser(prog="python -m benchmark.pacing_bench", description=main.__doc__)
    parser.add_argument("--python", default=sys.executable, help="the deployment's interpreter (another venv)")
    parser.add_argument("--pacing", default="installation", choices=("installation", "process"))
    parser.add_argument("--prs", type=int, default=PRS)
    parser.add_argument("--per-pr", type=int, default=PER_PR)
    parser.add_argument("--installations", type=int, default=INSTALLATIONS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workers", type=int, default=THREADS, help="each worker process's --workers")
    parser.add_argument("--threads", type=int, default=None, help="each worker process's --threads (newer code)")
    args = parser.parse_args(argv)
    for run in range(1, args.repeat + 1):
        extra = ("--threads", str(args.threads)) if args.threads is not None else ()
        result = settle(args.pacing, args.python, args.prs, args.per_pr, args.installations, args.workers, extra)
        print(json.dumps({"run": run, "python": args.python, "pacing": args.pacing, "prs": args.prs,
                          "worker": ["--workers", args.workers, *extra],
                          "deliveries": args.prs * args.per_pr, "installations": args.installations, **result}),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
