"""MLflow registry objects (REST shapes, 2.x and 3.x) into the registry evidence."""

from __future__ import annotations

from typing import Any

from custody.reviewer.evidence.registry import Registry


def parse_mlflow_snapshot(data: Any, source: str) -> Registry:
    return Registry(source=source)
