"""A job handler for the durability test: the first run hangs (to be killed), the next one finishes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings


def handle(job: ReviewJob, settings: Settings, store: Store) -> None:
    folder = Path(os.environ["CUSTODY_TEST_MARKERS"])
    started = folder / "started"
    if not started.exists():
        started.write_text(job.delivery_id)
        time.sleep(120)  # the test kills the worker here
    with (folder / "done").open("a") as out:
        out.write(job.delivery_id + "\n")
