"""Structured JSON logs that carry the delivery being handled and never carry a secret."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

from custody.reviewer.model.secrets import ANY_KEY_KIND, PRIVATE_KEY_BLOCK, SHAPES, union
from opentelemetry import trace

DELIVERY: contextvars.ContextVar[str | None] = contextvars.ContextVar("delivery", default=None)
PULL_REQUEST: contextvars.ContextVar[str | None] = contextvars.ContextVar("pull_request", default=None)

# Shapes of secrets that may reach a message however careful the code is: short thresholds and no
# word boundaries, since a log line glues values to anything (`token=ghs_…`, `…/ghs_…`).
SECRET_SHAPES = union(
    SHAPES["github-token"].pattern(start="", end="", min=20),
    SHAPES["github-fine-grained-token"].pattern(start="", end="", min=20),
    SHAPES["anthropic-api-key"].pattern(start="", min=10),
    SHAPES["authorization-value"].pattern(start="", scheme="(?i:bearer|token)", alphabet=r"[A-Za-z0-9._\-]",
                                       min=16, padding=""),
    SHAPES["private-key"].pattern(kinds=ANY_KEY_KIND, block=PRIVATE_KEY_BLOCK),
    SHAPES["jwt"].pattern(start="", min=10, claims="", signature="+"),
)
MASK = "[redacted]"


class RedactSecrets(logging.Filter):
    """Masks known secret values and secret-shaped strings in every record's message."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return SECRET_SHAPES.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = self.scrub(record.getMessage())
        record.msg, record.args = message, None
        if record.exc_info:
            record.exc_text = self.scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, str | None] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if DELIVERY.get():
            entry["delivery"] = DELIVERY.get()
        if PULL_REQUEST.get():
            entry["pull_request"] = PULL_REQUEST.get()
        span = trace.get_current_span().get_span_context()
        if span.is_valid:  # only while a configured tracer records: links the line to its trace
            entry["trace_id"] = trace.format_trace_id(span.trace_id)
            entry["span_id"] = trace.format_span_id(span.span_id)
        if record.exc_text:
            entry["error"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(secrets: Iterable[str | None] = (), *, json_lines: bool = True, level: int = logging.INFO,
                      stream: object = None) -> logging.Handler:
    """One handler on the root logger: JSON lines (services) or plain text (the CLI), always redacted."""
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.addFilter(RedactSecrets(secrets))
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    return handler
