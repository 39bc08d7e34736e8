"""Review throughput with 1, 2 and 4 worker processes on PostgreSQL and Redis, side by side.

The same burst each time: one signed `pull_request.opened` delivery for each of N pull requests,
sent to a `custody serve --no-worker`, reviewed by `custody worker` processes (one review thread
each) against the loopback GitHub stand-in. Timed from the first delivery to the last recorded
review. Needs CUSTODY_TEST_POSTGRES_URL and CUSTODY_TEST_REDIS_URL (`make bench` starts both).
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from custody.reviewer.app.standin import StandIn
from custody.reviewer.app.store import Store
from sqlalchemy import create_engine, text

from benchmark.load_harness import (
    Delivery,
    Fleet,
    deployment_env,
    free_port,
    send_all,
    wait_until_settled,
    world_with_prs,
)

PRS = int(os.environ.get("CUSTODY_BENCH_WORKER_PRS", "60"))


def _throughput(workers: int, postgres: str, redis: str) -> float:
    """Reviews per second with `workers` worker processes, on a fresh database and Redis db."""
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = postgres.rsplit("/", 1)[0] + f"/{name}"
    queue = redis.rsplit("/", 1)[0] + "/15"
    import redis as redis_client

    redis_client.Redis.from_url(queue).flushdb()
    world = world_with_prs(PRS)
    planned = {n: [Delivery(n, "pull_request", {"action": "opened"}, str(uuid.uuid4()))] for n in range(1, PRS + 1)}
    try:
        with StandIn(world) as standin, tempfile.TemporaryDirectory() as home:
            env = deployment_env(standin, database, queue, Path(home))
            env.pop("ANTHROPIC_API_KEY")  # deterministic reviews: the workers' own cost, not a model's
            fleet = Fleet(env, Path(home), free_port(), workers=workers, threads=1)
            fleet.start_all()
            try:
                store = Store(database)
                store.upgrade()
                time.sleep(2)  # every worker connected and waiting
                started = time.monotonic()
                send_all(world, standin, fleet, planned, senders=8)
                wait_until_settled(store, world, PRS, timeout=600)
                elapsed = time.monotonic() - started
                store.close()
            finally:
                fleet.stop_all()
    finally:
        redis_client.Redis.from_url(queue).flushdb()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
    return PRS / elapsed


def bench_workers() -> dict[str, Any]:
    postgres, redis = os.environ.get("CUSTODY_TEST_POSTGRES_URL"), os.environ.get("CUSTODY_TEST_REDIS_URL")
    if not postgres or not redis:
        return {"skipped": "CUSTODY_TEST_POSTGRES_URL and CUSTODY_TEST_REDIS_URL are not set"}
    rates = {n: _throughput(n, postgres, redis) for n in (1, 2, 4)}
    return {"prs": PRS, "cores": os.cpu_count(),
            **{f"reviews_per_s_{n}_workers": round(r, 2) for n, r in rates.items()},
            "ratio_2_vs_1": round(rates[2] / rates[1], 2), "ratio_4_vs_1": round(rates[4] / rates[1], 2)}
