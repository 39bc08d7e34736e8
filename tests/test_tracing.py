"""Review traces: one root span per review, a child per stage in every thread, failures marked, no-op by default."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from custody.agents import all_agents
from custody.reviewer import tracing
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.logs import DELIVERY, JsonFormatter
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.review import ReviewOutcome, run_review
from custody.reviewer.rules.book import RuleBook
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "churn-retrain"
STAGES = {"custody.gather", "custody.rules", "custody.verdict"}
TOKEN = "ghp_" + "a" * 36


@pytest.fixture(scope="module")
def exporter() -> Iterator[InMemorySpanExporter]:
    # The global provider can be set once per process; join one another module may have set first.
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(TracerProvider())
    provider = trace.get_tracer_provider()
    assert isinstance(provider, TracerProvider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield exporter
    exporter.shutdown()  # the SDK cannot remove a processor; a shut exporter drops what later tests make


@pytest.fixture
def spans(exporter: InMemorySpanExporter) -> Iterator[InMemorySpanExporter]:
    exporter.clear()
    yield exporter
    exporter.clear()


def scenario(head_sha: str | None = "3f2a9c1") -> ReviewInput:
    source = load_scenario(EXAMPLE)
    source.pull_request.head_sha = head_sha
    return source


def by_name(finished: tuple[ReadableSpan, ...]) -> dict[str, ReadableSpan]:
    named = {span.name: span for span in finished}
    assert len(named) == len(finished), [span.name for span in finished]  # each stage ran once
    return named


def assert_one_tree(finished: tuple[ReadableSpan, ...]) -> ReadableSpan:
    roots = [span for span in finished if span.parent is None]
    assert [span.name for span in roots] == ["custody.review"]
    root = roots[0]
    assert root.context is not None
    for span in finished:
        assert span.context is not None and span.context.trace_id == root.context.trace_id
        if span is not root:
            assert span.parent is not None and span.parent.span_id == root.context.span_id, span.name
    return root


class Agent:
    """Finds nothing; notes the thread it ran on, or fails."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name = name
        self.fail = fail
        self.thread = ""

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        self.thread = threading.current_thread().name
        if self.fail:
            raise RuntimeError(f"agent bug near {TOKEN}")
        return AgentResult(agent=self.name)


def test_a_review_is_one_trace_with_a_child_span_per_stage(spans: InMemorySpanExporter) -> None:
    published: list[ReviewOutcome] = []
    recorded: list[ReviewOutcome] = []
    token = DELIVERY.set("delivery-1")
    try:
        outcome = run_review(scenario(), publish=published.append, record=recorded.append)
    finally:
        DELIVERY.reset(token)
    finished = spans.get_finished_spans()
    root = assert_one_tree(finished)
    named = by_name(finished)
    agents = {f"custody.agent.{agent.name}" for agent in all_agents()}
    assert set(named) == {"custody.review", "custody.publish", "custody.record"} | STAGES | agents
    assert dict(root.attributes or {}) == {
        tracing.REPO: "acme/churn-model", tracing.PR_NUMBER: 42, tracing.HEAD_SHA: "3f2a9c1",
        tracing.DELIVERY_ID: "delivery-1", tracing.FINDINGS: len(outcome.verdict.findings),
        tracing.CONCLUSION: outcome.verdict.conclusion, tracing.RISK: outcome.verdict.risk.overall,
    }
    verdict = named["custody.verdict"].attributes or {}
    assert verdict[tracing.CONCLUSION] == outcome.verdict.conclusion
    assert verdict[tracing.RISK] == outcome.verdict.risk.overall
    assert verdict[tracing.FINDINGS] == len(outcome.verdict.findings) > 0
    for name in agents | {"custody.rules"}:
        assert tracing.FINDINGS in (named[name].attributes or {}), name
    assert sum(int((named[name].attributes or {})[tracing.FINDINGS]) for name in agents | {"custody.rules"}) > 0
    assert tracing.SKIPPED in (named["custody.gather"].attributes or {})
    assert all(span.status.status_code is StatusCode.UNSET for span in finished)
    assert len(published) == len(recorded) == 1


def test_agents_in_worker_threads_are_children_of_the_review(spans: InMemorySpanExporter) -> None:
    agents = [Agent("one"), Agent("two"), Agent("three")]
    token = DELIVERY.set(None)  # other tests' jobs leave theirs set in this thread
    try:
        run_review(scenario(head_sha=None), agents=agents)
    finally:
        DELIVERY.reset(token)
    assert any(agent.thread != threading.main_thread().name for agent in agents)  # LangGraph's pool
    finished = spans.get_finished_spans()
    assert_one_tree(finished)
    assert set(by_name(finished)) == {"custody.review", "custody.agent.one", "custody.agent.two",
                                      "custody.agent.three"} | STAGES
    root = by_name(finished)["custody.review"]
    assert tracing.HEAD_SHA not in (root.attributes or {}) and tracing.DELIVERY_ID not in (root.attributes or {})


def test_a_failing_agent_marks_its_span_but_not_the_review(spans: InMemorySpanExporter) -> None:
    outcome = run_review(scenario(), agents=[Agent("good"), Agent("bad", fail=True)])
    assert "bad agent" in [s.what for s in outcome.verdict.coverage.skipped]
    named = by_name(spans.get_finished_spans())
    bad, good = named["custody.agent.bad"], named["custody.agent.good"]
    assert bad.status.status_code is StatusCode.ERROR and bad.status.description == "RuntimeError"
    [event] = bad.events
    assert event.name == "exception" and event.attributes is not None
    assert event.attributes["exception.type"] == "RuntimeError"
    assert event.attributes["exception.message"] == "agent bug near [redacted]"
    assert TOKEN not in str(event.attributes["exception.stacktrace"])
    assert (bad.attributes or {})[tracing.SKIPPED] == 1
    assert good.status.status_code is StatusCode.UNSET
    assert named["custody.review"].status.status_code is StatusCode.UNSET


def test_a_failing_publish_marks_its_span_and_the_review(spans: InMemorySpanExporter) -> None:
    recorded: list[ReviewOutcome] = []

    def publish(outcome: ReviewOutcome) -> None:
        raise ValueError("GitHub said no")  # LangGraph retries neither this nor the review

    with pytest.raises(ValueError, match="GitHub said no"):
        run_review(scenario(), agents=[Agent("one")], publish=publish, record=recorded.append)
    finished = spans.get_finished_spans()
    assert_one_tree(finished)
    named = by_name(finished)
    assert "custody.record" not in named and not recorded
    for name in ("custody.publish", "custody.review"):
        span = named[name]
        assert span.status.status_code is StatusCode.ERROR, name
        assert [e.name for e in span.events] == ["exception"], name
        assert (span.events[0].attributes or {})["exception.message"] == "GitHub said no"
    assert named["custody.verdict"].status.status_code is StatusCode.UNSET


def test_the_model_stage_has_its_own_span(spans: InMemorySpanExporter) -> None:
    def model_stage(evidence: Evidence, rules: RuleBook, results: list[AgentResult]) -> AgentResult:
        return AgentResult(agent="model", checked=["judgement"])

    run_review(scenario(), agents=[Agent("one")], model_stage=model_stage)
    finished = spans.get_finished_spans()
    assert_one_tree(finished)
    assert (by_name(finished)["custody.model"].attributes or {})[tracing.FINDINGS] == 0


def test_json_logs_carry_the_trace_id_inside_a_span(exporter: InMemorySpanExporter) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("custody.test_tracing")
    logger.addHandler(handler)
    try:
        logger.warning("outside")
        with tracing.TRACER.start_as_current_span("custody.test") as span:
            logger.warning("inside")
    finally:
        logger.removeHandler(handler)
    outside, inside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert "trace_id" not in outside
    assert inside["trace_id"] == trace.format_trace_id(span.get_span_context().trace_id)
    assert inside["span_id"] == trace.format_span_id(span.get_span_context().span_id)


@pytest.fixture
def no_otel_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("OTEL_"):
            monkeypatch.delenv(name)
    return monkeypatch


def test_the_environment_chooses_the_exporter(no_otel_env: pytest.MonkeyPatch) -> None:
    assert tracing.exporter_from_env() is None
    no_otel_env.setenv("OTEL_TRACES_EXPORTER", "console")
    assert isinstance(tracing.exporter_from_env(), ConsoleSpanExporter)
    no_otel_env.setenv("OTEL_TRACES_EXPORTER", "none")
    no_otel_env.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    assert tracing.exporter_from_env() is None
    no_otel_env.delenv("OTEL_TRACES_EXPORTER")
    otlp = pytest.importorskip("opentelemetry.exporter.otlp.proto.http.trace_exporter")
    exporter = tracing.exporter_from_env()
    assert isinstance(exporter, otlp.OTLPSpanExporter)
    exporter.shutdown()
    no_otel_env.setenv("OTEL_SDK_DISABLED", "true")
    assert tracing.exporter_from_env() is None


def test_configuration_installs_a_custody_provider_only_when_asked(no_otel_env: pytest.MonkeyPatch) -> None:
    installed: list[object] = []
    no_otel_env.setattr(trace, "set_tracer_provider", installed.append)  # the real one is set-once
    assert tracing.configure_tracing() is None and installed == []
    no_otel_env.setenv("OTEL_TRACES_EXPORTER", "console")
    provider = tracing.configure_tracing()
    assert provider is not None and installed == [provider]
    assert provider.resource.attributes["service.name"] == "custody"
    provider.shutdown()


def test_without_configuration_reviews_run_on_the_no_op_tracer() -> None:
    # A fresh process, since this one holds the SDK provider the other tests installed.
    script = f"""
from pathlib import Path
from opentelemetry import trace
from custody.reviewer.review import run_review
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.tracing import TRACER, configure_tracing

assert configure_tracing() is None
outcome = run_review(load_scenario(Path({str(EXAMPLE)!r})))
assert outcome.verdict.findings
assert isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)
with TRACER.start_as_current_span("probe") as span:
    assert not span.is_recording()
print("ok")
"""
    env = {name: value for name, value in os.environ.items() if not name.startswith("OTEL_")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
