"""The queue speaks JSON: a pickle planted in the queue is refused, never run (issue 15, Medium 9)."""

from __future__ import annotations

import builtins
import pickle
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from custody.reviewer.app.queue.durable import JobQueue, make_huey, refuse_open_redis
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.queue.serializer import JsonSerializer
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings
from huey.registry import Message

RAN: list[str] = []


def record_job(job: ReviewJob, settings: Settings, store: Store) -> None:
    RAN.append(job.delivery_id)


class Payload:
    """What an attacker writes into the queue: unpickling it runs code."""

    def __reduce__(self) -> tuple[Any, ...]:
        return exec, ("import builtins; builtins.custody_owned = True",)


def test_a_pickle_written_into_the_queue_file_is_refused_not_run(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url=f"sqlite:///{tmp_path / 'q.db'}")
    queue = JobQueue(settings, record_job)
    queue.store.upgrade()
    evil = Message("id-1", "review", None, 0, 0, 0, (Payload(),), {}, None, None, None, None, None, None, None)
    queue.huey.storage.enqueue(pickle.dumps(evil), 0)  # straight into the SQLite queue, as an attacker would
    with pytest.raises(ValueError, match="not JSON"):
        queue.huey.dequeue()
    assert not getattr(builtins, "custody_owned", False)
    assert queue.queued_deliveries() == set()  # listing the queue does not unpickle either
    queue.store.close()


def test_jobs_and_retries_round_trip_as_json(tmp_path: Path) -> None:
    RAN.clear()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url=f"sqlite:///{tmp_path / 'q.db'}")
    queue = JobQueue(settings, record_job)
    queue.store.upgrade()
    job = ReviewJob(installation_id=1, repo="acme/m", number=3, head_sha="a" * 40, delivery_id="d-json")
    queue.enqueue(job)
    assert queue.queued_deliveries() == {"d-json"}
    task = queue.huey.dequeue()
    assert task is not None
    queue.huey.execute(task)
    assert RAN == ["d-json"]
    serializer = JsonSerializer()
    retry = Message("id-2", "review", datetime(2026, 12, 6, 10, 0, 5), 2, 5, 0, (job.model_dump_json(),), {},
                    None, None, timedelta(seconds=30), None, None, None, None)
    data = serializer.serialize(retry)
    assert data.startswith(b"{") and serializer.deserialize(data) == retry
    queue.store.close()


@pytest.mark.parametrize("value", [object(), {1: "x"}, b"bytes"])
def test_only_json_values_are_written(value: object) -> None:
    with pytest.raises(TypeError):
        JsonSerializer().serialize(value)


@pytest.mark.parametrize("url", ["redis://10.0.0.5:6379/0", "rediss://redis.internal/0", "redis://user@redis.internal"])
def test_redis_outside_loopback_needs_credentials(url: str) -> None:
    with pytest.raises(ValueError, match="without credentials"):
        make_huey(url)


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0", "redis://localhost/1", "redis://[::1]:6379",
                                 "rediss://:s3cret@redis.internal:6379/0", "redis://custody:s3cret@10.0.0.5/0"])
def test_loopback_or_credentials_are_accepted(url: str) -> None:
    refuse_open_redis(url)
