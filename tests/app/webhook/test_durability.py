"""An acknowledged delivery survives a worker killed with SIGKILL in the middle of its review."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from custody.reviewer.app.queue.durable import JobQueue
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings

REPO = Path(__file__).resolve().parents[3]


def wait_for(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_job_of_a_killed_worker_is_finished_by_the_next(tmp_path: Path) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                        queue_url=f"sqlite:///{tmp_path / 'queue.sqlite'}")
    store = Store(settings.database_url)
    store.upgrade()
    job = ReviewJob(installation_id=1, repo="acme/m", number=7, head_sha="a" * 40, delivery_id="del-1")
    # What the webhook does for an acknowledged delivery.
    assert store.accept_delivery(job.delivery_id, "pull_request", "opened", job.repo, job.number, job.head_sha,
                                 job.model_dump_json())
    JobQueue(settings).enqueue(job)
    env = {**os.environ, "CUSTODY_DATABASE_URL": settings.database_url, "CUSTODY_QUEUE_URL": settings.queue_url,
           "CUSTODY_JOB_HANDLER": "tests.app.webhook.slow_handler:handle", "CUSTODY_TEST_MARKERS": str(markers),
           "CUSTODY_JOB_LEASE_SECONDS": "1", "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "custody.reviewer.app.cli", "worker", "--workers", "1"]
    first = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(markers / "started", 30), "the first worker never picked the job up"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert not (markers / "done").exists()
    time.sleep(1.2)  # past the lease: the job now counts as lost
    second = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(markers / "done", 30), "the restarted worker did not finish the lost job"
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(15)
        except subprocess.TimeoutExpired:
            second.kill()
    assert (markers / "done").read_text().split() == ["del-1"]
    assert store.unfinished_jobs(older_than=timedelta(0)) == []
    store.close()
