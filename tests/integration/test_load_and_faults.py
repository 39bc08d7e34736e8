"""2,000 signed deliveries across 200 PRs from 50 senders, while a worker and the web process are
SIGKILLed and restarted and the stand-ins fail on purpose; in both deployment modes. Every
acknowledged delivery must end in exactly one up-to-date summary comment per PR and exactly one check run
per head, though GitHub loses the answers of some writes it performed: none lost, none duplicated.
Counts can be lowered with CUSTODY_LOAD_PRS / CUSTODY_LOAD_PER_PR for a quick local run.
CUSTODY_LOAD_PACING=installation (or process) runs at production pacing against a stand-in that
keeps GitHub's rate limits, and CUSTODY_LOAD_INSTALLATIONS deals the PRs out among installations;
at 1 s between writes per installation, lower the counts to match (benchmark/pacing_bench.py)."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from custody.reviewer.app.standin import StandIn
from custody.reviewer.app.standin.limits import Limits
from custody.reviewer.app.store import Store
from sqlalchemy import create_engine, text

from benchmark.load_harness import (
    Fleet,
    check_runs_per_head,
    completed_check_heads,
    deployment_env,
    faults,
    free_port,
    inline_repeats,
    plan,
    send_all,
    stale_comments,
    summary_comments,
    wait_until_settled,
    world_with_prs,
)

PRS = int(os.environ.get("CUSTODY_LOAD_PRS", "200"))
PER_PR = int(os.environ.get("CUSTODY_LOAD_PER_PR", "10"))
SENDERS = int(os.environ.get("CUSTODY_LOAD_SENDERS", "50"))
SETTLE_S = float(os.environ.get("CUSTODY_LOAD_SETTLE_SECONDS", "420"))
PACING = os.environ.get("CUSTODY_LOAD_PACING") or None
INSTALLATIONS = int(os.environ.get("CUSTODY_LOAD_INSTALLATIONS", "1"))

pytestmark = pytest.mark.slow


def _postgres_database(base: str) -> Iterator[str]:
    name = f"load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql+redis"])
def mode(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, int]]:
    """(database URL, queue URL, worker processes) for the embedded mode and the distributed one."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'custody.db'}", f"sqlite:///{tmp_path / 'queue.db'}", 1
        return
    postgres, redis = os.environ.get("CUSTODY_TEST_POSTGRES_URL"), os.environ.get("CUSTODY_TEST_REDIS_URL")
    if not postgres or not redis:
        pytest.skip("CUSTODY_TEST_POSTGRES_URL and CUSTODY_TEST_REDIS_URL are not set (.ci/run starts both)")
    import redis as redis_client

    db = 1 + uuid.uuid4().int % 14  # a Redis database of its own, emptied after
    queue = redis.rsplit("/", 1)[0] + f"/{db}"
    for url in _postgres_database(postgres):
        try:
            yield url, queue, 2
        finally:
            redis_client.Redis.from_url(queue).flushdb()


def test_nothing_is_lost_or_duplicated_under_load_kills_and_faults(mode: tuple[str, str, int], tmp_path: Path) -> None:
    database_url, queue_url, workers = mode
    world = world_with_prs(PRS, INSTALLATIONS)
    world.faults.extend(faults())
    if PACING is not None:
        world.limits = Limits()
    planted = [f.times for f in world.faults]
    planned = plan(world, PRS, PER_PR)
    with StandIn(world) as standin:
        env = deployment_env(standin, database_url, queue_url, tmp_path / "home", pacing=PACING)
        fleet = Fleet(env, tmp_path, free_port(), workers=workers)
        fleet.start_all()
        kills: list[str] = []
        total = sum(len(steps) for steps in planned.values())

        def chaos(progress: int, _total: int) -> None:
            # At a third of the deliveries a worker dies; at two thirds the web process does.
            for name, at in (("worker-0", total // 3), ("web", 2 * total // 3)):
                if progress == at:
                    threading.Thread(target=kill_and_restart, args=(name,), daemon=True).start()

        def kill_and_restart(name: str) -> None:
            fleet.kill(name)
            kills.append(name)
            time.sleep(0.5)
            fleet.start(name)

        try:
            started = time.monotonic()
            sent = send_all(world, standin, fleet, planned, SENDERS, on_progress=chaos)
            sending = time.monotonic() - started
            store = Store(database_url)
            final = wait_until_settled(store, world, PRS, SETTLE_S)
            settled = time.monotonic() - started
        finally:
            fleet.stop_all()

    assert sorted(kills) == ["web", "worker-0"]
    assert len(sent.acknowledged) == len({s.delivery_id for steps in planned.values() for s in steps})

    # None lost: every acknowledged delivery that carried a job ran to its end.
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT id, job IS NOT NULL, finished_at IS NOT NULL FROM deliveries")).all()
    recorded = {row[0]: (row[1], row[2]) for row in rows}
    jobs = {d for d, (has_job, _) in recorded.items() if has_job}
    assert set(sent.acknowledged) >= jobs and jobs, "a recorded job nobody acknowledged"
    unfinished = [d for d in jobs if not recorded[d][1]]
    assert unfinished == [], f"{len(unfinished)} acknowledged deliveries never finished"

    # None duplicated, all up to date: one summary comment per PR, about its final head.
    comments = summary_comments(world)
    assert sorted(comments) == list(range(1, PRS + 1))
    doubled = {n: len(c) for n, c in comments.items() if len(c) != 1}
    assert doubled == {}, f"PRs with more than one summary comment: {doubled}"
    stale = stale_comments(store, world, comments, final)
    assert stale == [], f"summary comments not about the final head's review: {stale[:10]}"
    checked = completed_check_heads(world)
    assert all(final[n] in checked for n in final), "a final head without a completed check run"
    # One check run per head, though some creates' answers were lost.
    doubled_runs = {head[:7]: n for head, n in check_runs_per_head(world).items() if n != 1}
    assert doubled_runs == {}, f"heads with more than one check run: {doubled_runs}"
    assert inline_repeats(world) == {}, "an inline comment posted twice"

    # The faults happened and were survived; what they cost is disclosed in the verdicts.
    missed = [f"{f.method} {f.path} {f.status}" for f, left in zip(world.faults, planted, strict=True)
              if f.times == left]
    assert missed == [], f"injected faults never hit: {missed}"
    with store.engine.connect() as connection:
        verdicts = [json.loads(v) if isinstance(v, str) else v
                    for (v,) in connection.execute(text("SELECT verdict FROM reviews"))]
    reasons = " ".join(s["why"] for v in verdicts for s in v["coverage"]["skipped"])
    assert "registry" in reasons.lower() or "mlflow" in reasons.lower(), "the registry outage was not disclosed"
    assert "deterministic verdict stands" in reasons, "the model's overload was not disclosed"
    failed = sorted({s["what"] for v in verdicts for s in v["coverage"]["skipped"] if s["why"].startswith("failed (")})
    assert failed == [], f"agents failed under load: {failed}"
    store.close()

    # Nothing secret in the logs of the whole run: not the App key, the webhook secret, the model key
    # nor any installation token the stand-in minted.
    logs = "".join(p.read_text(errors="replace") for p in tmp_path.glob("*.log"))
    assert logs, "the processes logged nothing"
    key_body = env["CUSTODY_PRIVATE_KEY"].splitlines()[1]
    for secret in (key_body, env["CUSTODY_WEBHOOK_SECRET"], env["ANTHROPIC_API_KEY"], "ghs_"):
        assert secret not in logs, f"{secret[:6]}… leaked into the logs"
    print(f"\n{total} deliveries sent ({len(sent.acknowledged)} distinct ids, the rest redeliveries; "
          f"{sent.attempts} attempts) to {PRS} PRs in {sending:.1f} s, settled in {settled:.1f} s, "
          f"{len(verdicts)} reviews recorded, kills: {kills}")
