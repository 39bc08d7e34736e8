"""`custody demo --keep-running`: SIGTERM stops everything it started, as Ctrl-C does."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _refuses(url: str) -> bool:
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()  # type: ignore[union-attr]
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return False
    except OSError:
        return True


def test_sigterm_stops_the_server_and_the_stand_in(tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "custody.reviewer.app.cli", "demo", "--keep-running"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"},
                               # as a supervisor or test runner may hand it over: SIGTERM blocked
                               preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM}))
    assert process.stdout is not None
    urls: list[str] = []
    deadline = time.monotonic() + 120
    try:
        for line in process.stdout:
            found = re.search(r"The app is at (http://\S+) \(stand-in (http://\S+)\)", line)
            if found:
                urls = [found.group(1), found.group(2)]
                break
            assert time.monotonic() < deadline, "the demo did not come up"
        assert urls and not _refuses(urls[0]) and not _refuses(urls[1])
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=90)  # a loaded CI machine stops the server slowly
        assert all(_refuses(url) for url in urls)
    finally:
        if process.poll() is None:
            process.kill()
