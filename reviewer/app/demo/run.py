"""Start the stand-in, the app and its worker; deliver a signed PR event; print what was posted."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from custody.reviewer.app.demo.delivery import comment_delivery, pull_request_delivery, signed_headers
from custody.reviewer.settings import custody_home

REPO_ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = REPO_ROOT / "examples" / "churn-retrain"
INSTALLATION_ID = 4242
TIMEOUT_S = 120.0
DEMO_RULE = "card.metric-matches-registry"  # the example PR breaks it: the reply explains the rule


def demo_home() -> Path:
    """The demo's store, queue and log: `.custody/demo` in the current folder (`$CUSTODY_HOME/demo` when set)."""
    return custody_home() / "demo"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_http(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer")


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _posted(writes: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, dict[str, Any] | None, list[dict[str, Any]]]:
    """The last summary comment, the last completed check-run write, and review comments."""
    comment = check = None
    inline: list[dict[str, Any]] = []
    for write in writes:
        body = write.get("body") or {}
        path = write.get("path", "")
        if "/comments" in path and isinstance(body, dict) and "custody:summary" in str(body.get("body", "")):
            comment = body
        elif "/check-runs" in path and isinstance(body, dict) and body.get("conclusion"):
            check = body
        elif path.endswith("/reviews") and isinstance(body, dict):
            inline.extend(body.get("comments") or [])
    return comment, check, inline


def run_demo(keep_running: bool = False) -> int:
    from custody.reviewer.app.standin import StandIn, World
    from custody.reviewer.app.standin.keys import throwaway_app_key
    from custody.reviewer.app.store import Store

    home = demo_home()
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    world = World.from_scenario(EXAMPLE, installation_id=INSTALLATION_ID)
    # "Sign in with GitHub" on the dashboard: the stand-in's github.com has @manager signed in, a
    # member of the demo installation.
    world.members, world.browser_login = {"manager": {INSTALLATION_ID}}, "manager"
    standin = StandIn(world)
    api_url = standin.start()
    pr = world.pull_request_info("acme/churn-model", 42)
    secret = os.urandom(16).hex()
    port = _free_port()
    env = {
        **os.environ,
        "CUSTODY_WEBHOOK_SECRET": secret,
        "CUSTODY_APP_ID": "1",
        "CUSTODY_PRIVATE_KEY": throwaway_app_key(),
        "CUSTODY_GITHUB_API_URL": api_url,
        "CUSTODY_DATABASE_URL": f"sqlite:///{(home / 'custody.db').resolve()}",
        "CUSTODY_QUEUE_URL": f"sqlite:///{(home / 'queue.db').resolve()}",
        "MLFLOW_TRACKING_URI": f"{api_url}/_mlflow",
        "CUSTODY_MLFLOW_SINGLE_TENANT": "true",  # the demo is one installation
        "CUSTODY_API_TOKEN": os.urandom(12).hex(),
        "CUSTODY_GITHUB_CLIENT_ID": world.oauth_client[0],
        "CUSTODY_GITHUB_CLIENT_SECRET": world.oauth_client[1],
        "CUSTODY_GITHUB_URL": api_url,
    }
    env.pop("ANTHROPIC_API_KEY", None)
    log_path = home / "app.log"
    # SIGTERM (a container stop, `kill`) unwinds like Ctrl-C, so the server and stand-in we started stop too.
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    # A parent that forked us from a thread with these blocked (a test runner, a supervisor) passes the
    # mask on; unblocked, SIGTERM and Ctrl-C reach the handler and everything we started is stopped.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    print(f"stand-in GitHub at {api_url}; starting custody serve on 127.0.0.1:{port}")
    with log_path.open("w") as log:
        app = subprocess.Popen(
            [sys.executable, "-m", "custody.reviewer.app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + TIMEOUT_S
        _wait_http(f"http://127.0.0.1:{port}/healthz", deadline)
        payload = pull_request_delivery(
            repo="acme/churn-model", number=42, title=pr["title"], body=pr["body"], author=pr["author"],
            head_ref=pr["head_ref"], head_sha=pr["head_sha"], base_ref=pr["base_ref"],
            base_sha=pr["base_sha"], installation_id=INSTALLATION_ID, api_url=api_url,
        )
        body = json.dumps(payload).encode()
        status, answer = _post(f"http://127.0.0.1:{port}/webhook", body, signed_headers(body, secret))
        print(f"delivery pull_request.opened → {status} {answer.strip()}")
        if status >= 300:
            return 1
        store = Store(env["CUSTODY_DATABASE_URL"])
        while time.monotonic() < deadline:
            if store.latest_review("acme/churn-model", 42) is not None:  # recorded: publishing is over
                comment, check, inline = _posted(standin.writes)
                break
            if app.poll() is not None:
                print(f"custody serve exited with {app.returncode}; see {log_path}", file=sys.stderr)
                return 1
            time.sleep(0.3)
        else:
            print(f"no review was recorded within {TIMEOUT_S:.0f} s; see {log_path}", file=sys.stderr)
            return 1
        store.close()
        if comment is None or check is None:
            print(f"the review was recorded but not posted; see {log_path}", file=sys.stderr)
            return 1
        _show(comment, check, inline)
        if not _show_command(world, api_url, port, secret, deadline):
            print(f"the /custody command was not answered; see {log_path}", file=sys.stderr)
            return 1
        _seed_history(env["CUSTODY_DATABASE_URL"])
        _serve_seeded_repositories(world)
        if keep_running:
            token = env["CUSTODY_API_TOKEN"]
            print(f"Dashboard: http://127.0.0.1:{port}/dashboard: 'Sign in with GitHub' (the stand-in signs you "
                  f"in as @manager, who sees the demo installation's repositories), or the API token {token}")
            print(f"\nThe app is at http://127.0.0.1:{port} (stand-in {api_url}); Ctrl-C to stop.")
            signal.pause()
        return 0
    except KeyboardInterrupt:
        print("\nstopping", file=sys.stderr)
        return 0
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
        standin.stop()
        signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _show_command(world: Any, api_url: str, port: int, secret: str, deadline: float) -> bool:
    """A maintainer asks Custody, in a PR comment, to explain a rule; the App answers in the thread."""
    repo = world.repo("acme/churn-model")
    repo.permissions["lead"] = "maintain"  # commands need write or triage access
    before = len(repo.comments)
    line = f"/custody explain {DEMO_RULE}"
    payload = comment_delivery(repo="acme/churn-model", number=42, body=line, author="lead",
                               installation_id=INSTALLATION_ID, api_url=api_url)
    body = json.dumps(payload).encode()
    status, answer = _post(f"http://127.0.0.1:{port}/webhook", body, signed_headers(body, secret, "issue_comment"))
    print(f"\ndelivery issue_comment.created (@lead: {line}) → {status} {answer.strip()}")
    while time.monotonic() < deadline:
        replies = [c for c in repo.comments[before:] if "custody:summary" not in str(c.get("body", ""))]
        if replies:
            rule = "─" * 78
            print(f"{rule}\nCustody's reply in the PR thread\n{rule}\n{replies[-1]['body']}")
            return True
        time.sleep(0.3)
    return False


def _serve_seeded_repositories(world: Any) -> None:
    """The seeded reviews' repositories join the demo installation, so @manager sees them all."""
    import yaml
    from custody.reviewer.app.evaluate import find_scenarios
    from custody.reviewer.app.standin import World

    for folder in find_scenarios([REPO_ROOT / "benchmark" / "scenarios"]):
        spec = yaml.safe_load((folder / "scenario.yml").read_text(encoding="utf-8"))
        if world.repo(str(spec["repo"])) is None:
            World.from_scenario(folder, installation_id=INSTALLATION_ID, world=world)


def record_history(store: Any) -> int:
    """The demo's history: the bundled benchmark scenarios recorded as earlier reviews, so trends span
    several sprints. Returns how many were recorded."""
    from custody.reviewer.app.evaluate import find_scenarios
    from custody.reviewer.gather.scenario import load_scenario
    from custody.reviewer.review import run_review

    folders = list(find_scenarios([REPO_ROOT / "benchmark" / "scenarios"]))
    for folder in folders:
        store.save_review(run_review(load_scenario(folder)), trigger="offline")
    return len(folders)


def _seed_history(database_url: str) -> None:
    from custody.reviewer.app.store import Store
    from custody.reviewer.app.trends.queries import trends_document
    from custody.reviewer.app.trends.report import table
    from custody.reviewer.app.trends.sprints import SprintCalendar
    from custody.reviewer.settings import Settings

    store = Store(database_url)
    try:
        recorded = record_history(store)
        document = trends_document(store.engine, None, SprintCalendar.from_settings(Settings.from_env()))
    finally:
        store.close()
    rule = "─" * 78
    print(f"\n{rule}\nSprint trends after seeding {recorded} recorded reviews (custody trends)\n{rule}\n"
          f"{table(document)}")


def _show(comment: dict[str, Any], check: dict[str, Any], inline: list[dict[str, Any]]) -> None:
    rule = "─" * 78
    print(f"\n{rule}\nSticky PR comment posted by Custody\n{rule}\n{comment['body']}")
    output = check.get("output") or {}
    print(f"\n{rule}\nCheck run `{check.get('name', 'Custody')}`: conclusion {check.get('conclusion')}\n{rule}")
    print(f"{output.get('title', '')}\n{output.get('summary', '')}")
    print(f"annotations: {len(output.get('annotations') or [])}; inline review comments: {len(inline)}")
