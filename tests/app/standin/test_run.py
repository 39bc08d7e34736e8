"""`custody standin DIR`: the blocking entry the demo runs, served until SIGTERM or Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

TINY = Path(__file__).parent / "data" / "tiny"


@pytest.mark.slow
@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_serves_scenario_folders_until_stopped(stop_with: signal.Signals) -> None:
    command = [sys.executable, "-m", "custody.reviewer.app.cli", "standin", str(TINY), "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+) serving acme/churn-model", banner)
        assert found, banner
        url = found.group(1)
        pr = requests.get(f"{url}/repos/acme/churn-model/pulls/42", timeout=5).json()
        posted = requests.post(f"{url}/repos/acme/churn-model/issues/42/comments", json={"body": "hi"},
                               headers={"Authorization": "token t"}, timeout=5)
        writes = requests.get(f"{url}/_standin/writes", timeout=5).json()
        assert pr["title"] == "Retrain churn model on Q3 data" and posted.status_code == 201
        assert [(w["method"], w["path"]) for w in writes] == [("POST", "/repos/acme/churn-model/issues/42/comments")]
        process.send_signal(stop_with)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
