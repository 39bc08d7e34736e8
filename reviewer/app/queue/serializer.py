"""The queue's wire format: JSON, never pickle.

huey pickles its messages by default, and unpickling runs whatever the bytes say: anyone who can
write to the queue file or to the Redis instance runs code in the consumer, which holds the App's
private key. Custody's messages are a task name and a job's JSON, so plain JSON carries them; a
message that is not this JSON (a pickle, say) is refused and dropped, never executed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from huey.registry import Message
from huey.serializer import Serializer

TAG = "__custody__"


def _encode(value: Any) -> Any:
    if isinstance(value, Message):
        return {TAG: "message", "fields": [_encode(v) for v in value]}
    if isinstance(value, datetime):
        return {TAG: "datetime", "iso": value.isoformat()}
    if isinstance(value, timedelta):
        return {TAG: "timedelta", "seconds": value.total_seconds()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if TAG in value or not all(isinstance(k, str) for k in value):
            raise TypeError("the queue carries only dicts with text keys")
        return {k: _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"the queue carries JSON values only, not {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get(TAG)
    if kind is None:
        return {k: _decode(v) for k, v in value.items()}
    if kind == "datetime" and isinstance(value.get("iso"), str):
        return datetime.fromisoformat(value["iso"])
    if kind == "timedelta" and isinstance(value.get("seconds"), (int, float)):
        return timedelta(seconds=value["seconds"])
    fields = value.get("fields")
    if kind == "message" and isinstance(fields, list) and len(fields) <= len(Message._fields):
        decoded = [_decode(v) for v in fields]
        args_at = Message._fields.index("args")
        if len(decoded) > args_at and isinstance(decoded[args_at], list):
            decoded[args_at] = tuple(decoded[args_at])  # huey calls the task with *args
        return Message(*decoded)
    raise ValueError("not a message of this queue")


class JsonSerializer(Serializer):  # type: ignore[misc]
    """huey's serializer with JSON in place of pickle (compression and the rest unchanged)."""

    def _serialize(self, data: Any) -> bytes:
        return json.dumps(_encode(data), separators=(",", ":")).encode("utf-8")

    def _deserialize(self, data: bytes) -> Any:
        try:
            parsed = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise ValueError("a queue message that is not JSON was refused (never unpickled)") from exc
        return _decode(parsed)
