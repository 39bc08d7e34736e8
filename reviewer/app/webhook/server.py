"""`custody serve`: the web app under uvicorn, with an in-process worker by default."""

from __future__ import annotations

import logging

import uvicorn
from custody.reviewer.app.queue.durable import JobQueue
from custody.reviewer.app.queue.workers import BackgroundWorker, job_handler
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.settings import Settings

log = logging.getLogger(__name__)


def build_app(settings: Settings, queue: JobQueue, store: Store) -> object:
    from custody.reviewer.app.webhook.routes import extra_routers

    return create_app(settings, store, queue.enqueue, extra_routers(settings, store), queue_depth=queue.pending)


def run_server(settings: Settings, host: str, port: int, with_worker: bool = True) -> None:
    if not settings.webhook_secret:
        raise SystemExit("CUSTODY_WEBHOOK_SECRET is not set; refusing to start")
    store = Store(settings.database_url)
    store.upgrade()
    queue = JobQueue(settings, job_handler() if with_worker else None)
    app = build_app(settings, queue, store)
    worker = BackgroundWorker(queue) if with_worker else None
    if worker is not None:
        worker.start()  # before uvicorn: huey sets its signal handlers, uvicorn then takes them over
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)  # type: ignore[arg-type]
    finally:
        if worker is not None:
            worker.stop()
        store.close()
