"""OpenTelemetry spans around each review and its stages, exported only when the OTEL_* settings ask for it."""

from __future__ import annotations

import functools
import logging
import os
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ParamSpec

from custody.reviewer.logs import DELIVERY, MASK, SECRET_SHAPES
from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode
from opentelemetry.util.types import AttributeValue

if TYPE_CHECKING:
    from custody.reviewer.model.agent_result import AgentResult
    from custody.reviewer.model.evidence import Evidence
    from custody.reviewer.model.evidence.pull_request import PullRequest
    from custody.reviewer.model.findings import Verdict
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

log = logging.getLogger(__name__)

SERVICE = "custody"
# A proxy: it stays a no-op until configure_tracing (or a test) installs an SDK provider.
TRACER = trace.get_tracer("custody")

# Span attributes, namespaced so they sit apart from the semantic-convention ones.
REPO = "custody.repo"
PR_NUMBER = "custody.pr.number"
HEAD_SHA = "custody.head_sha"
DELIVERY_ID = "custody.delivery"
FINDINGS = "custody.findings"
SKIPPED = "custody.skipped"
CONCLUSION = "custody.conclusion"
RISK = "custody.risk"

P = ParamSpec("P")
Update = dict[str, Any]
Attributes = dict[str, AttributeValue]
Describe = Callable[[Mapping[str, Any]], Attributes]


def exporter_from_env() -> SpanExporter | None:
    """The exporter the standard OTEL_* variables name, or None when they name none."""
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return None
    chosen = os.environ.get("OTEL_TRACES_EXPORTER", "otlp").strip().lower() or "otlp"
    if chosen == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    if chosen != "otlp" or not endpoint:
        return None
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError:  # an optional extra, so that a deployment without a collector does not carry it
        log.warning("OTEL_EXPORTER_OTLP_ENDPOINT is set but the OTLP/HTTP exporter is not installed "
                    "(pip install 'custody[scale]'); traces are not sent")
        return None
    return OTLPSpanExporter()  # reads the endpoint, headers and timeout from the same variables


def configure_tracing() -> TracerProvider | None:
    """Install an SDK provider that batches spans to the configured exporter; without one, do nothing."""
    exporter = exporter_from_env()
    if exporter is None:
        return None
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: SERVICE}))
    provider.add_span_processor(BatchSpanProcessor(exporter))  # flushed by the provider's atexit hook
    trace.set_tracer_provider(provider)
    return provider


def record_failure(exc: BaseException, span: Span | None = None) -> None:
    """Mark a span (the current one by default) failed, with the error's text scrubbed like the logs'."""
    span = span or trace.get_current_span()
    if not span.is_recording():
        return
    stack = "".join(traceback.format_exception(exc))
    span.record_exception(exc, attributes={"exception.message": SECRET_SHAPES.sub(MASK, str(exc)),
                                           "exception.stacktrace": SECRET_SHAPES.sub(MASK, stack)})
    span.set_status(Status(StatusCode.ERROR, type(exc).__name__))


@contextmanager
def _span(name: str, attributes: Attributes | None = None) -> Iterator[Span]:
    with TRACER.start_as_current_span(name, attributes=attributes, record_exception=False,
                                      set_status_on_exception=False) as span:
        try:
            yield span
        except Exception as exc:
            record_failure(exc, span)
            raise


@contextmanager
def review_span(pull_request: PullRequest) -> Iterator[Span]:
    """The span of one review. LangGraph copies the context into the threads that run parallel
    nodes, so every stage span started inside it is its child."""
    attributes: Attributes = {REPO: pull_request.repo, PR_NUMBER: pull_request.number}
    if pull_request.head_sha:
        attributes[HEAD_SHA] = pull_request.head_sha
    if delivery := DELIVERY.get():
        attributes[DELIVERY_ID] = delivery
    with _span("custody.review", attributes) as span:
        yield span


def stage(name: str, describe: Describe | None = None) -> Callable[[Callable[P, Update]], Callable[P, Update]]:
    """Run a graph node in a `custody.<name>` span; `describe` turns the node's update into attributes."""

    def wrap(node: Callable[P, Update]) -> Callable[P, Update]:
        @functools.wraps(node)  # keeps the signature LangGraph inspects
        def traced(*args: P.args, **kwargs: P.kwargs) -> Update:
            with _span(f"custody.{name}") as span:
                update = node(*args, **kwargs)
                if describe is not None and span.is_recording():
                    span.set_attributes(describe(update))
                return update

        return traced

    return wrap


def describe_evidence(update: Mapping[str, Any]) -> Attributes:
    evidence: Evidence = update["evidence"]
    return {SKIPPED: len(evidence.skipped)}


def describe_results(update: Mapping[str, Any]) -> Attributes:
    results: list[AgentResult] = update.get("results", [])
    return {FINDINGS: sum(len(r.findings) for r in results), SKIPPED: sum(len(r.skipped) for r in results)}


def describe_verdict(update: Mapping[str, Any]) -> Attributes:
    verdict: Verdict = update["verdict"]
    return {FINDINGS: len(verdict.findings), CONCLUSION: verdict.conclusion, RISK: verdict.risk.overall}
