"""Webhook acknowledgement against a bare FastAPI endpoint, side by side on loopback, bounded."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from custody.reviewer.app.webhook.signature import sign

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-secret"
PAYLOAD = json.loads((ROOT / "reviewer" / "app" / "demo" / "payloads" / "pull_request.opened.json").read_text())

BARE_APP = """
from fastapi import FastAPI, Request
app = FastAPI()
@app.post("/webhook")
async def webhook(request: Request):
    await request.body()
    return {"message": "ok"}
"""
CUSTODY_APP = """
import os
from custody.reviewer.app.queue.durable import JobQueue
from custody.reviewer.settings import Settings
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
settings = Settings.from_env()
store = Store(settings.database_url)
store.upgrade()
queue = JobQueue(settings)
app = create_app(settings, store, queue.enqueue, queue_depth=queue.pending)
"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(module: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", f"{module.stem}:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-access-log"],
        cwd=module.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/", timeout=1)
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{module.stem} did not start")


def _load(url: str, requests: int, concurrency: int, rate: float | None = None) -> dict[str, float]:
    """Closed loop (as fast as `concurrency` senders go), or paced at `rate` requests per second."""
    def one(index: int) -> float:
        payload = dict(PAYLOAD, number=index % 200 + 1)
        payload["pull_request"] = dict(PAYLOAD["pull_request"], number=index % 200 + 1)
        body = json.dumps(payload).encode()
        headers = {"X-GitHub-Event": "pull_request", "X-GitHub-Delivery": str(uuid.uuid4()),
                   "X-Hub-Signature-256": sign(body, SECRET), "Content-Type": "application/json"}
        started = time.perf_counter()
        answer = client.post(url + "/webhook", content=body, headers=headers)
        elapsed = time.perf_counter() - started
        if answer.status_code >= 300 and answer.status_code != 202:
            raise RuntimeError(f"{answer.status_code} {answer.text[:200]}")
        return elapsed

    with httpx.Client(timeout=10, limits=httpx.Limits(max_connections=concurrency)) as client:
        for index in range(20):  # warm up
            one(index)
        started = time.perf_counter()

        def paced(index: int) -> float:
            if rate:
                delay = started + index / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            return one(index)

        with ThreadPoolExecutor(concurrency) as pool:
            latencies = sorted(pool.map(paced, range(requests)))
        wall = time.perf_counter() - started
    return {"rps": round(requests / wall, 1), "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 2)}


def bench_webhook(requests: int = 600, concurrency: int = 20) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        (here / "bare_app.py").write_text(BARE_APP)
        (here / "custody_app.py").write_text(CUSTODY_APP)
        env = {**os.environ, "CUSTODY_WEBHOOK_SECRET": SECRET,
               "CUSTODY_DATABASE_URL": f"sqlite:///{here / 'custody.db'}",
               "CUSTODY_QUEUE_URL": f"sqlite:///{here / 'queue.db'}", "PYTHONPATH": str(here)}
        results = {}
        for name in ("bare_app", "custody_app"):
            process, url = _serve(here / f"{name}.py", env)
            try:
                results[name] = _load(url, requests, concurrency)
                results[f"{name}_at_200rps"] = _load(url, requests, concurrency, rate=200)
            finally:
                process.terminate()
                process.wait(10)
    bare, ours = results["bare_app"], results["custody_app"]
    return {"requests": requests, "concurrency": concurrency, "bare_fastapi": bare, "custody": ours,
            "throughput_ratio": round(ours["rps"] / bare["rps"], 2),
            "custody_p99_ms_at_200rps": results["custody_app_at_200rps"]["p99_ms"],
            "bare_p99_ms_at_200rps": results["bare_app_at_200rps"]["p99_ms"],
            "target": "throughput ratio >= 0.5, custody p99 under 50 ms at 200 requests/s"}
