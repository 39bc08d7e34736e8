"""Shared test helpers: where fixtures live and how to load them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent


def fixture_path(*parts: str) -> Path:
    return FIXTURES.joinpath(*parts)


def load_json(*parts: str) -> Any:
    return json.loads(fixture_path(*parts).read_text(encoding="utf-8"))
