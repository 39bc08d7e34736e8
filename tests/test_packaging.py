"""The distribution installs only `custody.*`: no top-level `agents` or `reviewer` to clash with."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOP_LEVEL = {"reviewer": "custody.reviewer", "agents": "custody.agents", "prompts": "custody.prompts"}


def declared() -> tuple[list[str], dict[str, str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    return config["packages"], config["package-dir"]


def test_every_source_package_is_declared() -> None:
    packages, package_dir = declared()
    assert {v: k for k, v in package_dir.items()} == TOP_LEVEL
    found = []
    for folder, dotted in TOP_LEVEL.items():
        for init in (REPO / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO / folder)
            if "__pycache__" in rel.parts:
                continue
            found.append(".".join([dotted, *rel.parts]))
    # Folders of data files (templates, recorded answers, payloads) are declared too, so setuptools
    # ships them without warnings; they have no __init__.py, but they must exist.
    data = [name for name in packages if name not in found]
    for name in data:
        top, *rest = name.removeprefix("custody.").split(".")
        assert (REPO / top / Path(*rest)).is_dir(), f"{name} is declared but has no folder"
    assert set(found) <= set(packages)


def test_no_top_level_agents_module_is_installed() -> None:
    import custody.agents

    assert custody.agents.__name__ == "custody.agents"
    sys.modules.pop("agents", None)
    saved = list(sys.path)
    try:
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO]
        import importlib.util

        assert importlib.util.find_spec("agents") is None
        assert importlib.util.find_spec("reviewer") is None
    finally:
        sys.path[:] = saved
