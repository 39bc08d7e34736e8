"""The README's two commands work from a fresh clone: `make demo` end to end, `make test` wired."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_readme_leads_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands[:2] == ["make demo", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_make_demo_from_a_fresh_clone(tmp_path: Path) -> None:
    if shutil.which("git") is None or shutil.which("make") is None:
        pytest.skip("git and make are needed")
    clone = tmp_path / "custody"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CUSTODY_", "VIRTUAL_ENV"))}
    env.pop("ANTHROPIC_API_KEY", None)
    result = subprocess.run(
        ["make", "demo"], cwd=clone, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "<!-- custody:summary -->" in result.stdout
    assert "Check run `Custody`: conclusion" in result.stdout
    reply = result.stdout.split("Custody's reply in the PR thread", 1)  # a /custody command, end to end
    assert len(reply) == 2 and "card.metric-matches-registry" in reply[1]
    assert "setuptools" not in result.stdout + result.stderr  # a quiet install
    dry = subprocess.run(["make", "-n", "test"], cwd=clone, capture_output=True, text=True, check=True)
    assert "pytest" in dry.stdout
