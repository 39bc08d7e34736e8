"""The web app: `POST /webhook` (GitHub) and `POST /mlflow/webhook` (the MLflow registry) verify,
de-duplicate and enqueue; `GET /healthz` answers."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from custody.reviewer.app.admission import signature as mlflow_signature
from custody.reviewer.app.admission.events import route as admission_route
from custody.reviewer.app.github.commands import parse_command
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.events import Routed, route
from custody.reviewer.app.webhook.prometheus import metrics_router
from custody.reviewer.app.webhook.signature import valid_signature
from custody.reviewer.logs import DELIVERY
from custody.reviewer.settings import Settings
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)
Enqueue = Callable[[ReviewJob], None]
MAX_DELIVERY_ID = 128
COMMAND_WINDOW = timedelta(minutes=10)  # at most `settings.commands_per_pr` command jobs per PR in it
FOLD_TRIES = 3
MAX_ASKERS = 32  # commenters one queued review answers; past them, a `/custody review` is queued as usual


def _answer(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"message": message, **extra}, status_code=status)


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The raw body, or None as soon as it is larger than `limit` (checked while streaming)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: Settings, store: Store, enqueue: Enqueue, extra_routers: list[Any] | None = None,
               queue_depth: Callable[[], int] | None = None) -> FastAPI:
    if not settings.webhook_secret:
        raise ValueError("CUSTODY_WEBHOOK_SECRET is not set; refusing to accept unsigned deliveries")
    secret = settings.webhook_secret
    # The schema is served by `routes.py` to callers who may read the API, not to anyone.
    app = FastAPI(title="Custody", version="1", docs_url=None, redoc_url=None, openapi_url=None)
    metrics, counters = metrics_router(store, queue_depth or (lambda: 0), settings.api_token)
    app.include_router(metrics)

    def counted(event: str, outcome: str, response: JSONResponse) -> JSONResponse:
        counters.deliveries.labels(event=event or "unknown", outcome=outcome).inc()
        return response

    @app.post("/webhook", summary="GitHub webhook deliveries")
    async def webhook(request: Request) -> JSONResponse:
        body = await _read_body(request, settings.max_body_bytes)
        raw_event = request.headers.get("x-github-event", "")[:64]
        DELIVERY.set(request.headers.get("x-github-delivery", "")[:128] or None)
        if body is None:
            return counted(raw_event, "too_large", _answer(413, "delivery too large"))
        # The signature is checked over the raw bytes, before anything is parsed.
        if not valid_signature(body, secret, request.headers.get("x-hub-signature-256")):
            return counted(raw_event, "bad_signature", _answer(401, "missing or invalid X-Hub-Signature-256"))
        event = raw_event
        delivery = request.headers.get("x-github-delivery", "")
        if not event or not delivery or len(delivery) > MAX_DELIVERY_ID:
            return counted(event, "malformed", _answer(400, "X-GitHub-Event and X-GitHub-Delivery are required"))
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return counted(event, "malformed", _answer(400, "the body is not JSON"))
        if not isinstance(payload, dict):
            return counted(event, "malformed", _answer(400, "the body is not a JSON object"))
        if event == "ping":
            return counted(event, "ping", _answer(200, "pong", zen=str(payload.get("zen", ""))[:200]))
        # The store and the queue block: keep them off the event loop so slow disks do not stall
        # every other delivery's acknowledgement.
        outcome, status, message = await run_in_threadpool(accept, event, payload, delivery)
        return counted(event, outcome, _answer(status, message))

    # SQLite takes one writer at a time and makes the others sleep in growing steps: queueing them
    # on a lock in this process keeps the acknowledgement's tail latency flat. PostgreSQL needs none.
    # The store and the embedded queue are two files with a lock each, so one delivery's enqueue
    # overlaps the next one's store write.
    embedded = store.engine.dialect.name == "sqlite"
    store_writer = threading.Lock() if embedded else contextlib.nullcontext()
    queue_writer = threading.Lock() if embedded else contextlib.nullcontext()

    def folded_job(job: ReviewJob, queued: ReviewJob, into: str) -> ReviewJob | None:
        """The queued job with this delivery folded in, or None when it cannot take it. A push moves
        it to this head and base (keeping the commenters folded in before); a `/custody review`
        adds its commenter when the queued job reviews the newest head noted, the one the comment
        was made on. Other verbs act before they review, so each keeps its own job."""
        if job.trigger == "pull_request":
            return job.model_copy(update={"delivery_id": into, "asked_by": queued.asked_by})
        if parse_command(job.command or "").verb != "review" or len(queued.asked_by) >= MAX_ASKERS:
            return None
        if queued.head_sha != store.latest_head(job.repo, job.number):
            return None
        login = job.requested_by or ""
        return queued if login in queued.asked_by else queued.model_copy(
            update={"asked_by": [*queued.asked_by, login]})

    def fold(job: ReviewJob, event: str, action: str | None, delivery: str, head: str | None,
             dedupe: str | None) -> tuple[str, int, str] | None:
        """A push, or a `/custody review`, while the PR's review job is still queued adds no second
        job: the queued one takes it (see `folded_job`). None when no job waits, it cannot take
        this delivery, or it was started meanwhile: then a job is queued as usual."""
        for _ in range(FOLD_TRIES):  # another delivery may fold into the same job between read and write
            queued = store.queued_review(job.repo, job.number)
            if queued is None:
                return None
            into, was = queued
            moved = folded_job(job, ReviewJob.model_validate_json(was), into)
            if moved is None:
                return None
            folded = store.fold_delivery(delivery, event, action, job.repo, job.number, head, into, was,
                                         moved.model_dump_json(), dedupe_key=dedupe, installation=job.installation_id)
            if folded is None:
                continue
            if not folded:
                return "duplicate", 200, "duplicate delivery: already queued"
            log.info("folded %s into %s for %s", delivery, into, job.pr_key)
            return "folded", 202, "folded into the review already queued for this pull request"
        return None

    def accept(event: str, payload: dict[str, Any], delivery: str) -> tuple[str, int, str]:
        action = payload.get("action") if isinstance(payload.get("action"), str) else None
        return enqueue_routed(event, action, route(event, payload, delivery), delivery)

    def enqueue_routed(event: str, action: str | None, routed: Routed, delivery: str) -> tuple[str, int, str]:
        if routed.job is None:
            if routed.head is not None:
                with store_writer:
                    store.note_head(*routed.head)
            return "ignored", 202, f"ignored: {routed.reason}"
        head = routed.head[2] if routed.head is not None else None
        job = routed.job
        job_json = job.model_dump_json()
        # One store transaction (head, delivery, job), then the queue: two writes per delivery.
        with store_writer:
            if job.trigger == "command":
                if store.recent_jobs(job.repo, job.number, event, COMMAND_WINDOW) >= settings.commands_per_pr:
                    log.warning("rate limited: commands on %s", job.pr_key)
                    return "rate_limited", 202, "ignored: too many commands on this pull request; try again later"
                if store.recent_installation_jobs(job.installation_id, event, COMMAND_WINDOW
                                                  ) >= settings.commands_per_installation:
                    log.warning("rate limited: commands of installation %s", job.installation_id)
                    return "rate_limited", 202, "ignored: too many commands on this installation; try again later"
            if job.trigger in ("pull_request", "command"):
                folded = fold(job, event, action, job.delivery_id, head, routed.dedupe)
                if folded is not None:
                    return folded
            accepted = store.accept_delivery(job.delivery_id, event, action, job.repo, job.number, head, job_json,
                                             dedupe_key=routed.dedupe, installation=job.installation_id)
        if not accepted:
            return "duplicate", 200, "duplicate delivery: already queued"
        with queue_writer:
            enqueue(job)
        log.info("queued %s for %s", delivery, job.pr_key)
        return "queued", 202, routed.reason

    @app.post("/mlflow/webhook", summary="MLflow registry webhook deliveries")
    async def mlflow_webhook(request: Request) -> JSONResponse:
        """The same path as GitHub's: raw body, signature, then parse; ids only onto the queue."""
        body = await _read_body(request, settings.max_body_bytes)
        delivery = request.headers.get(mlflow_signature.DELIVERY_HEADER, "")[:MAX_DELIVERY_ID + 1]
        DELIVERY.set(delivery or None)
        if body is None:
            return counted("mlflow", "too_large", _answer(413, "delivery too large"))
        if not settings.mlflow_webhook_secret:
            return counted("mlflow", "bad_signature", _answer(401, "MLflow deliveries are not accepted here: "
                                                                   "CUSTODY_MLFLOW_WEBHOOK_SECRET is not set"))
        refused = mlflow_signature.check(body, settings.mlflow_webhook_secret, delivery,
                                         request.headers.get(mlflow_signature.TIMESTAMP_HEADER),
                                         request.headers.get(mlflow_signature.SIGNATURE_HEADER))
        if refused is not None:
            return counted("mlflow", "bad_signature", _answer(401, refused))
        if len(delivery) > MAX_DELIVERY_ID:
            return counted("mlflow", "malformed", _answer(400, "X-MLflow-Delivery-Id is too long"))
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return counted("mlflow", "malformed", _answer(400, "the body is not JSON"))
        entity = payload.get("entity") if isinstance(payload, dict) else None
        action = payload.get("action") if isinstance(payload, dict) else None
        if not isinstance(payload, dict) or not isinstance(entity, str) or not isinstance(action, str):
            return counted("mlflow", "malformed", _answer(400, "the body is not an MLflow webhook event"))
        event = f"mlflow.{entity[:64]}.{action[:32]}"
        routed = admission_route(entity, action, payload, delivery)
        outcome, status, message = await run_in_threadpool(enqueue_routed, event, action[:32], routed, delivery)
        return counted(event, outcome, _answer(status, message))

    @app.get("/healthz", summary="Liveness and store reachability")
    def healthz() -> JSONResponse:
        try:
            store.latest_head("healthz/probe", 0)
        except Exception as exc:  # the answer names the failing part, never its secrets
            return _answer(503, "store unreachable", error=type(exc).__name__)
        return JSONResponse({"status": "ok"})

    for router in extra_routers or []:
        app.include_router(router)
    return app
