"""The Anthropic edge against a mocked Messages endpoint: request shape, cached prefix, retries, fallback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from custody.agents import all_agents
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.llm.anthropic_client import AnthropicClient, client_from_settings
from custody.reviewer.llm.budget import ReviewBudget
from custody.reviewer.llm.judge import model_stage
from custody.reviewer.llm.protocol import ModelError, ModelRequest
from custody.reviewer.rules.book import build_rulebook
from custody.reviewer.settings import Settings

BASE = "http://llm.test"
EXAMPLE = Path(__file__).parents[2] / "examples" / "churn-retrain"


def message(text: str, **usage: int) -> dict[str, Any]:
    return {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-6",
            "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": 11, "output_tokens": 5, **usage}}


def request() -> ModelRequest:
    return ModelRequest(agent="scope", task="judge_criterion", prompt_version="judge_criterion@1",
                        system="preamble", context="shared PR context", instruction="the question",
                        output_schema={"type": "object", "properties": {}, "additionalProperties": False})


@pytest.fixture
def client() -> AnthropicClient:
    return AnthropicClient("test-key", "claude-sonnet-4-6", base_url=BASE)


def test_request_shape_marks_the_shared_context_as_the_cached_prefix(
        httpx2_mock: respx.Router, client: AnthropicClient) -> None:
    route = httpx2_mock.post(f"{BASE}/v1/messages").mock(return_value=httpx.Response(
        200, json=message('{"ok": true}', cache_read_input_tokens=300, cache_creation_input_tokens=0)))
    answer = client.complete(request())
    sent = json.loads(route.calls.last.request.content)
    assert sent["model"] == "claude-sonnet-4-6" and sent["max_tokens"] == 1024
    assert sent["system"] == [{"type": "text", "text": "preamble"},
                              {"type": "text", "text": "shared PR context", "cache_control": {"type": "ephemeral"}}]
    assert sent["messages"] == [{"role": "user", "content": "the question"}]  # after the prefix, uncached
    assert sent["output_config"]["format"]["type"] == "json_schema"
    assert route.calls.last.request.headers["authorization"] == "Bearer test-key"
    assert b"test-key" not in route.calls.last.request.content
    assert answer.text == '{"ok": true}'
    assert (answer.usage.input_tokens, answer.usage.output_tokens, answer.usage.cache_read_tokens) == (11, 5, 300)


@pytest.mark.parametrize(("status", "retryable"), [(529, True), (429, True), (500, True), (400, False), (401, False)])
def test_errors_are_classified_and_carry_retry_after(
        httpx2_mock: respx.Router, client: AnthropicClient, status: int, retryable: bool) -> None:
    body = {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}}
    route = httpx2_mock.post(f"{BASE}/v1/messages").mock(
        return_value=httpx.Response(status, json=body, headers={"retry-after": "4"}))
    with pytest.raises(ModelError) as caught:
        client.complete(request())
    assert caught.value.retryable is retryable and caught.value.retry_after == 4.0
    assert route.call_count == 1  # the SDK's own retries are off: ours decide


def test_timeout_is_retryable(httpx2_mock: respx.Router, client: AnthropicClient) -> None:
    httpx2_mock.post(f"{BASE}/v1/messages").mock(side_effect=httpx.ConnectTimeout("slow"))
    with pytest.raises(ModelError) as caught:
        client.complete(request())
    assert caught.value.retryable


def test_client_from_settings_needs_a_key_and_honours_the_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert client_from_settings(Settings()) is None
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://compatible.test")
    made = client_from_settings(Settings(anthropic_api_key="k", model="claude-haiku-4-5"))
    assert isinstance(made, AnthropicClient) and made.model == "claude-haiku-4-5"
    assert str(made._sdk.base_url).startswith("http://compatible.test")


def _batch(body: dict[str, Any]) -> str:
    """A well-formed answer: every criterion of the cached prefix met, for every unit asked."""
    prefix = body["system"][1]["text"]
    listed = [line.split("]")[0][1:] for line in prefix.splitlines() if line.startswith("[tickets/")]
    units = next(x for x in body["messages"][0]["content"].splitlines() if x.startswith("Units: "))
    verdicts = [{"locator": c, "met": "yes", "reason": "r", "citations": ["pull_request#body"]} for c in listed]
    return json.dumps({"units": [{"unit": u, "criteria": verdicts, "findings": []}
                                 for u in units.removeprefix("Units: ").split(", ")]})


def test_review_retries_529_then_completes(httpx2_mock: respx.Router, client: AnthropicClient) -> None:
    evidence = gather(load_scenario(EXAMPLE))
    rules, _ = build_rulebook(evidence.config)
    results = [agent.review(evidence, rules) for agent in all_agents()]
    replies = iter([httpx.Response(529, json={"type": "error", "error": {"type": "overloaded_error",
                                                                        "message": "Overloaded"}})])

    def reply(req: httpx.Request) -> httpx.Response:
        pending = next(replies, None)
        return pending if pending is not None else httpx.Response(
            200, json=message(_batch(json.loads(req.content)), cache_read_input_tokens=900))

    route = httpx2_mock.post(f"{BASE}/v1/messages").mock(side_effect=reply)
    waits: list[float] = []
    out = model_stage(evidence, rules, results, client, ReviewBudget(), sleep=waits.append)
    assert waits == [1.0] and out.usage.fallback is None
    assert out.resolved == ["criterion tickets/17.json#criterion-3"]
    assert route.call_count == out.usage.calls == 2  # one 529, then the whole review in one call
    assert out.usage.tokens.cache_read_tokens == 900


def test_endpoint_that_always_misbehaves_leaves_the_deterministic_verdict(
        httpx2_mock: respx.Router, client: AnthropicClient) -> None:
    evidence = gather(load_scenario(EXAMPLE))
    rules, _ = build_rulebook(evidence.config)
    results = [agent.review(evidence, rules) for agent in all_agents()]
    route = httpx2_mock.post(f"{BASE}/v1/messages").mock(side_effect=[
        httpx.Response(529, json={"type": "error", "error": {"type": "overloaded_error", "message": "x"}}),
        httpx.Response(200, json=message("not json at all")),
        httpx.Response(429, json={"type": "error", "error": {"type": "rate_limit_error", "message": "x"}},
                       headers={"retry-after": "2"}),
    ])
    waits: list[float] = []
    out = model_stage(evidence, rules, results, client, ReviewBudget(), sleep=waits.append)
    assert route.call_count == 3 and waits == [1.0, 2.0]
    assert out.result.findings == [] and "HTTP 429" in (out.usage.fallback or "")
    assert any("deterministic verdict stands" in s.why for s in out.result.skipped)
