"""What every test shares: Custody's home in a temporary folder, so no test writes into the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HOME = ".custody"  # the product's default home, relative to the current folder


@pytest.fixture(autouse=True)
def custody_home_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`CUSTODY_HOME` (the default SQLite store, queue and checkpoints, the demo's files, the disk
    cache) in a fresh folder per test. With the product's default, `.custody/` in the current folder,
    tests that built default settings wrote into the repository and read each other's leftovers;
    subprocesses inherit the variable."""
    home = tmp_path_factory.mktemp("custody-home")
    monkeypatch.setenv("CUSTODY_HOME", str(home))
    return home


def _homes_in_repo() -> set[Path]:
    return {folder / HOME for folder in {REPO, Path.cwd()} if (folder / HOME).exists()}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = _homes_in_repo()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a `.custody/` appeared in the repository (or the folder pytest ran in)
    during it: `.gitignore` hides it from `git status`, so only this check sees a test writing there."""
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller checks once
        return
    appeared = _homes_in_repo() - session.config.stash.get(_BEFORE, set())
    if appeared:
        names = ", ".join(str(path) for path in sorted(appeared))
        writer = session.config.get_terminal_writer()
        writer.line()
        writer.line(f"a test wrote Custody's home into {names}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_BEFORE = pytest.StashKey[set[Path]]()


@pytest.fixture(autouse=True)
def fresh_github_tokens() -> None:
    """Each test's GitHub stand-in starts without tokens from another: a stand-in on a port an earlier
    test's used would otherwise be sent that test's installation token, and a test that refuses the mint
    would never see it asked for."""
    from custody.reviewer.app.github.auth import forget_all_tokens

    forget_all_tokens()
