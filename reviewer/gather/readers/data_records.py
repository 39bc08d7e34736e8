"""The repository's own data records (DVC pointers, dvc.lock, snapshot lists) with their digests and row counts."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.snapshot import glob_match
from custody.reviewer.model.evidence.cards import DataRecord
from custody.reviewer.model.evidence.common import Skipped

RECORD_FILES = ("**/*.dvc", "dvc.lock", "**/dvc.lock", "**/*snapshot*.yaml", "**/*snapshot*.yml",
                "**/*snapshot*.json")
DIGEST_KEYS = ("digest", "md5", "sha256", "hash", "checksum", "etag")
ROW_KEYS = ("rows", "num_rows", "row_count", "n_rows", "nrows")
NAME_KEYS = ("name", "snapshot", "dataset", "path")
HEX = re.compile(r"(?ix) ^ (?:md5:|sha256:)? (?P<hex>[0-9a-f]{8,64}) (?:\.dir)? $")  # DVC marks folders "x.dir"
MAX_RECORDS = 500
MAX_DEPTH = 100


def _stem(path: str) -> str:
    """`data/sales_2026w40.parquet` is `sales_2026w40`; `data/raw/` is `raw`."""
    base = path.rstrip("/").rsplit("/", 1)[-1]
    return base.split(".", 1)[0] if not base.startswith(".") else base


def _digest(entry: dict[str, Any]) -> str | None:
    for key in DIGEST_KEYS:
        match = HEX.match(str(entry.get(key, "")).strip())
        if match:
            return match["hex"].lower()
    return None


def _rows(entry: dict[str, Any]) -> int | None:
    for key in ROW_KEYS:
        value = entry.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.replace(",", "").isdigit():
            return int(value.replace(",", ""))
    return None


def _walk(data: Any, path: str, found: list[DataRecord], seen: set[int], depth: int = 0) -> None:
    """Every mapping that names a dataset and states a digest or a row count, nested up to MAX_DEPTH.

    `seen` holds the containers already walked: YAML aliases share one, and it states its records once.
    """
    if len(found) >= MAX_RECORDS or depth > MAX_DEPTH or not isinstance(data, dict | list) or id(data) in seen:
        return
    seen.add(id(data))
    if isinstance(data, dict):
        lowered = {str(k).lower(): v for k, v in data.items()}
        name = next((str(lowered[k]) for k in NAME_KEYS if isinstance(lowered.get(k), str | int)), None)
        digest, rows = _digest(lowered), _rows(lowered)
        if name and (digest or rows is not None):
            found.append(DataRecord(name=_stem(name) if "/" in name or "." in name else name, digest=digest,
                                    rows=rows, locator=path))
        for value in data.values():
            _walk(value, path, found, seen, depth + 1)
    else:
        for value in data:
            _walk(value, path, found, seen, depth + 1)


def read_data_records(texts: dict[str, str]) -> tuple[list[DataRecord], list[Skipped]]:
    """Records from every record file among the given head-tree texts, and the record files that could not be read."""
    found: list[DataRecord] = []
    problems: list[Skipped] = []
    for path, text in sorted(texts.items()):
        if not any(glob_match(path, pattern) for pattern in RECORD_FILES):
            continue
        try:
            data = json.loads(text) if path.endswith(".json") else load_yaml(text, path)
        except YamlLimitError as exc:
            problems.append(Skipped(what=path, why=exc.reason))
            continue
        except (ValueError, yaml.YAMLError, RecursionError) as exc:
            problems.append(Skipped(what=path, why=f"data record not readable ({type(exc).__name__})"))
            continue
        before = len(found)
        _walk(data, path, found, set())
        if path.endswith(".dvc"):
            # A pointer's outs name the file by path; the pointer's own name says which snapshot it is.
            for record in found[before:]:
                if record.name != _stem(path):
                    record.name = _stem(path)
    return found, problems
