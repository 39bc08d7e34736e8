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
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
THREADS = 2
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


def settle(pacing: str) -> dict[str, Any]:
    """Send the load once with `pacing` ("process" or "installation"); time it and check the result."""
    warmups = (2 if _distributed() else 1) * THREADS
    # PRs 1..warmups are the warm-up ones; the load is on the PRS after them.
    world = harness.world_with_prs(warmups + PRS, INSTALLATIONS)
    limits = world.limits = Limits()
    planned = {n: steps for n, steps in harness.plan(world, warmups + PRS, PER_PR).items() if n > warmups}
    with _deployment() as (database, queue, workers), StandIn(world) as standin, \
            tempfile.TemporaryDirectory() as home:
        env = harness.deployment_env(standin, database, queue, Path(home), pacing=pacing)
        env.pop("ANTHROPIC_API_KEY")  # deterministic reviews: GitHub's pacing, not a model's latency
        fleet = harness.Fleet(env, Path(home), harness.free_port(), workers=workers, threads=THREADS)
        fleet.start_all()
        store = Store(database)
        try:
            store.upgrade()
            warm = {n: [harness.Delivery(n, "pull_request", {"action": "opened"}, str(uuid.uuid4()))]
                    for n in range(1, warmups + 1)}
            harness.send_all(world, standin, fleet, warm, SENDERS)
            harness.wait_until_settled(store, world, warmups, SETTLE_S)
            with store.engine.connect() as connection:
                warm_reviews = connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0
            time.sleep(2)  # the write interval of the warm-up's last writes has passed
            warm_writes = len(standin.writes)
            limits.refused.clear()
            world.faults.append(Fault("POST", r"/check-runs$", 403, headers={"Retry-After": "2"}, times=3,
                                      message=SECONDARY))
            started = time.monotonic()
            harness.send_all(world, standin, fleet, planned, SENDERS)
            final = {n: head for n, head in harness.wait_until_settled(store, world, warmups + PRS, SETTLE_S).items()
                     if n > warmups}
            elapsed = time.monotonic() - started
            with store.engine.connect() as connection:
                unfinished = connection.execute(text(
                    "SELECT count(*) FROM deliveries WHERE job IS NOT NULL AND finished_at IS NULL")).scalar()
                reviews = (connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0) - warm_reviews
        finally:
            store.close()
            fleet.stop_all()
        comments = harness.summary_comments(world)
        writes = len(standin.writes) - warm_writes
    stale = [n for n in final if len(comments.get(n, [])) == 1 and f"head `{final[n][:7]}`" not in
             str(comments[n][0]["body"])]
    return {"settle_s": round(elapsed, 1), "reviews": int(reviews or 0), "writes": writes,
            "refused_by_github": dict(limits.refused), "lost": int(unfinished or 0),
            "duplicated": sum(1 for n in final if len(comments.get(n, [])) > 1),
            "missing": sum(1 for n in final if not comments.get(n)), "stale": len(stale), "workers": workers}


def bench_pacing() -> dict[str, Any]:
    old, new = settle("process"), settle("installation")
    return {"prs": PRS, "deliveries": PRS * PER_PR, "installations": INSTALLATIONS, "worker_processes": old["workers"],
            "threads_per_worker": THREADS, "process_pacing": old, "installation_pacing": new,
            "speedup": round(old["settle_s"] / new["settle_s"], 2),
            "target": "installation pacing settles >= 2x faster, nothing lost or duplicated, no write refused"}
