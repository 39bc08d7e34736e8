"""Re-review after a push that changes one file of a reviewed 100-file PR, against a full review.

Two paths, each measured side by side in one run: the review core on a scenario folder (gather,
agents, rules, verdict, comment), and the whole worker job against the GitHub stand-in (token,
reads, review, publish, record). The full review runs with empty caches (content and ETags), and in
the job on a new PR each time, so it writes what a first review writes; the re-review finds the other
99 files' blobs, parsed patches and per-file findings in them. The job is measured with GitHub
pacing off and at PyGithub's production defaults (0.25 s between requests, 1 s between writes), and
the stand-in counts what each review asked and wrote.
"""

from __future__ import annotations

import dataclasses
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from custody.reviewer.gather import content_cache
from custody.reviewer.gather.content_cache import MemoryCache
from github import Consts

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "churn-retrain"
FILES = 100


def module(i: int, salt: str = "") -> str:
    """A plausible 180-line Python module of a service the PR touches."""
    lines = [f'"""Service module {i}{salt}."""', "import os", ""]
    for f in range(30):
        lines += [f"def f{f}(x):", f"    y = x + {f}", "    if y > 3:", "        return os.path.join(str(y), 'a')",
                  "    return y", ""]
    return "\n".join(lines) + "\n"


def _cold() -> None:
    """Forget everything a review leaves behind in the process: file contents and ETags."""
    from custody.reviewer.app.github.source import forget_absent_packs
    from custody.reviewer.app.github.transport import etag_cache

    content_cache.configure(MemoryCache())
    etag_cache().clear()
    forget_absent_packs()


def _median(run: Callable[[], None], fresh_cache: bool, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        if fresh_cache:
            _cold()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _core(folder: Path) -> dict[str, float]:
    from custody.reviewer.gather.scenario import load_scenario
    from custody.reviewer.review import run_review

    shutil.copytree(EXAMPLE, folder)
    (folder / "head" / "svc").mkdir()
    for i in range(FILES):
        (folder / "head" / "svc" / f"m{i:03d}.py").write_text(module(i))

    def review() -> None:
        run_review(load_scenario(folder))

    review()  # imports and first-call costs out of the way
    full = _median(review, fresh_cache=True)
    content_cache.configure(MemoryCache())
    review()  # the reviewed PR: its files are in the cache
    pushes = iter(range(1000))

    def push_and_review() -> None:
        (folder / "head" / "svc" / "m007.py").write_text(module(7, f" push {next(pushes)}"))
        review()

    return {"full_s": full, "push_s": _median(push_and_review, fresh_cache=False)}


def _worker_job(request_interval: float, write_interval: float, repeat: int = 3) -> dict[str, Any]:
    from custody.reviewer.app.github.service import handle_job
    from custody.reviewer.app.queue.jobs import ReviewJob
    from custody.reviewer.app.standin import StandIn, World
    from custody.reviewer.app.standin.keys import throwaway_app_key
    from custody.reviewer.app.store import Store
    from custody.reviewer.settings import Settings

    world = World.from_scenario(EXAMPLE, installation_id=5)
    repo = world.repo("acme/churn-model")
    assert repo is not None
    head = dict(repo.trees[repo.pulls[42].head_sha])
    head.update({f"svc/m{i:03d}.py": module(i).encode() for i in range(FILES)})
    world.push("acme/churn-model", 42, head)
    with StandIn(world) as standin, tempfile.TemporaryDirectory() as home:
        settings = Settings(app_id="1", private_key=throwaway_app_key(), github_api_url=standin.base_url,
                            mlflow_tracking_uri=f"{standin.base_url}/_mlflow", mlflow_single_tenant=True,
                            github_request_interval=request_interval, github_write_interval=write_interval,
                            database_url=f"sqlite:///{home}/c.db")
        store = Store(settings.database_url)
        store.upgrade()
        runs = iter(range(1000))
        counted: dict[str, list[dict[str, int]]] = {"full": [], "push": []}

        def review(kind: str = "", number: int = 42) -> None:
            sha = world.pull_request_info("acme/churn-model", number)["head_sha"]
            since = len(standin.requests)
            handle_job(ReviewJob(installation_id=5, repo="acme/churn-model", number=number, head_sha=sha,
                                 delivery_id=f"bench-{next(runs)}"), settings, store)
            if kind:
                counted[kind].append(standin.counts(since))

        review()  # imports and first-call costs out of the way
        # A full review is a PR's first: each runs on a new PR with a head of its own, opened before the
        # clock starts, so it writes the comment, check run and inline review (a review of a head already
        # reviewed writes nothing when what it says is unchanged).
        numbers = range(43, 43 + repeat)
        for number in numbers:
            files = dict(head)
            files["svc/m000.py"] = module(0, f" of PR {number}").encode()
            repo.pulls[number] = dataclasses.replace(repo.pulls[42], number=number, head_ref=f"pr-{number}")
            world.push("acme/churn-model", number, files)
        opened = iter(numbers)

        def open_and_review() -> None:
            review("full", next(opened))

        full = _median(open_and_review, fresh_cache=True, repeat=repeat)
        _cold()
        review()

        def push_and_review() -> None:
            files = dict(head)
            files["svc/m007.py"] = module(7, f" push {next(runs)}").encode()
            world.push("acme/churn-model", 42, files)
            review("push")

        push = _median(push_and_review, fresh_cache=False, repeat=repeat)
        store.close()
    return {"full_s": full, "push_s": push, "full": counted["full"][-1], "push": counted["push"][-1]}


def bench_rereview() -> dict[str, Any]:
    previous = content_cache.cache()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            core = _core(Path(tmp) / "pr")
        job = _worker_job(0, 0)
        # At production pacing a review takes tens of seconds: one of each is measured.
        paced = _worker_job(Consts.DEFAULT_SECONDS_BETWEEN_REQUESTS, Consts.DEFAULT_SECONDS_BETWEEN_WRITES,
                            repeat=1)
    finally:
        content_cache.configure(previous)
    return {
        "files": FILES,
        "core_full_s": round(core["full_s"], 3), "core_push_s": round(core["push_s"], 3),
        "core_push_vs_full": round(core["push_s"] / core["full_s"], 3),
        "job_full_s": round(job["full_s"], 3), "job_push_s": round(job["push_s"], 3),
        "job_push_vs_full": round(job["push_s"] / job["full_s"], 3),
        "paced_job_full_s": round(paced["full_s"], 3), "paced_job_push_s": round(paced["push_s"], 3),
        "paced_job_push_vs_full": round(paced["push_s"] / paced["full_s"], 3),
        "github_per_full_review": job["full"], "github_per_push_review": job["push"],
        "goal": "job push < 0.10 of full at zero pacing; a push review: <= 5 requests answered with a body "
                "(304s not counted), <= 2 writes",
    }
