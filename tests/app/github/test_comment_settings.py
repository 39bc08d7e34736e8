"""`/custody set` and `/custody explain` through the stand-in, with a mocked Messages endpoint."""

from __future__ import annotations

import json
from dataclasses import replace

import httpx
import pytest
import respx
from custody.reviewer.app.github.pr_settings import PrSetting
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.standin import World
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings

from tests.app.github.support import FAST, NUMBER, REPO, command, job, replies, summaries

LLM = "http://llm.test"


def message(text: str) -> dict[str, object]:
    return {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-6",
            "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": 120, "output_tokens": 30}}


@pytest.fixture()
def keyed(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", LLM)
    return replace(settings, anthropic_api_key="sk-ant-test-key")


@pytest.mark.parametrize(("line", "by", "said"), [
    ("/custody set model off", "mallory", "only from people with write or triage access"),
    ("/custody set blocking false", "lead", "read from `.github/custody.yml` on the base branch"),
    ("/custody set severity info", "lead", "read from `.github/custody.yml`"),
    ("/custody set review-tokens 999999999", "lead", "can only lower"),
    ("/custody set review-tokens lots", "lead", "whole number"),
    ("/custody set model maybe", "lead", "`on` or `off`"),
    ("/custody set temperature 2", "lead", "cannot be changed from a comment. Comments may set: `model`"),
    ("/custody set model", "lead", "needs a name and a value"),
])
def test_refused_settings_change_nothing_and_say_why(writers: World, settings: Settings, store: Store,
                                                     line: str, by: str, said: str) -> None:
    handle_job(command(writers, line, by), settings, store, **FAST)
    assert store.pr_settings(REPO, NUMBER) == []
    (reply,) = replies(writers)
    assert said in reply and ("changed" in reply or by == "mallory")
    assert summaries(writers) == []  # nothing set, so no re-review


@pytest.fixture()
def model(httpx2_mock: respx.Router) -> respx.Route:
    """The Messages endpoint, answering every call with a well-formed answer that judges nothing."""
    return httpx2_mock.post(f"{LLM}/v1/messages").mock(return_value=httpx.Response(200, json=message('{"units": []}')))


@pytest.mark.httpx2(assert_all_called=False)
def test_model_off_is_recorded_honoured_and_disclosed_then_on_again(
        writers: World, keyed: Settings, store: Store, model: respx.Route) -> None:
    route = model
    handle_job(command(writers, "/custody set model off"), keyed, store, **FAST)
    assert store.pr_settings(REPO, NUMBER) == [PrSetting(key="model", value="off", by="lead")]
    assert route.call_count == 0  # the re-review asked the model nothing
    (summary,) = summaries(writers)  # mentions are written inert: an edit pings nobody
    assert "turned off for this pull request by @\u200blead" in str(summary["body"])
    assert any(r.startswith("Set `model` to `off`") for r in replies(writers))

    handle_job(command(writers, "/custody set model on"), keyed, store, **FAST)
    assert route.call_count >= 1
    (summary,) = summaries(writers)
    assert "turned off" not in str(summary["body"])


@pytest.mark.httpx2(assert_all_called=False)
def test_a_lower_review_budget_stops_model_calls_and_says_so(
        writers: World, keyed: Settings, store: Store, model: respx.Route) -> None:
    route = model
    handle_job(command(writers, "/custody set review-tokens 50"), keyed, store, **FAST)
    assert store.pr_settings(REPO, NUMBER)[-1] == PrSetting(key="review-tokens", value="50", by="lead")
    assert route.call_count == 0
    (summary,) = summaries(writers)
    assert "token budget is spent" in str(summary["body"])


def test_explain_with_a_model_puts_this_prs_finding_into_words(
        writers: World, settings: Settings, keyed: Settings, store: Store, httpx2_mock: respx.Router) -> None:
    handle_job(job(writers), settings, store, **FAST)  # the deterministic review records the finding
    answer = {"explanation": "The card promises an AUC the registered run never logged.",
              "citations": ["model_cards/README.md#model-index"]}
    route = httpx2_mock.post(f"{LLM}/v1/messages").mock(
        return_value=httpx.Response(200, json=message(json.dumps(answer))))
    handle_job(command(writers, "/custody explain card.metric-matches-registry"), keyed, store, **FAST)
    sent = json.loads(route.calls.last.request.content)
    assert "card.metric-matches-registry" in sent["messages"][0]["content"]
    (reply,) = [r for r in replies(writers) if "card.metric-matches-registry" in r]
    assert "**On this pull request:** The card promises an AUC the registered run never logged." in reply


def test_explain_without_a_model_gives_the_rule_and_calls_nothing(writers: World, settings: Settings,
                                                                  store: Store) -> None:
    handle_job(command(writers, "/custody explain card.metric-matches-registry"), settings, store, **FAST)
    (reply,) = replies(writers)
    assert "`card.metric-matches-registry`" in reply and "On this pull request" not in reply
