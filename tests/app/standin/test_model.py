"""The stand-in's Messages endpoint: the Messages API's shape, an answer that claims nothing, its errors."""

from __future__ import annotations

import json

import anthropic
import pytest
import requests
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.model import MODEL, messages

ASK = {"model": MODEL, "max_tokens": 64, "messages": [{"role": "user", "content": "judge these units"}]}
EXPLAIN_SCHEMA = {"type": "object", "properties": {"explanation": {"type": "string"}, "citations": {"type": "array"}}}


def test_without_a_key_or_token_it_is_an_authentication_error() -> None:
    status, body = messages(ASK)
    assert status == 401 and body["error"]["type"] == "authentication_error"
    assert messages(ASK, token="Bearer x")[0] == 200


@pytest.mark.parametrize("broken", [{"model": MODEL}, {"messages": "hi", "model": MODEL},
                                    {"messages": [], "model": ""}])
def test_a_request_without_messages_or_model_is_invalid(broken: dict[str, object]) -> None:
    status, body = messages(broken, api_key="sk-test")
    assert status == 400 and body["error"]["type"] == "invalid_request_error"


def test_the_answer_claims_nothing_in_the_shape_the_caller_asked_for() -> None:
    status, body = messages(ASK, api_key="sk-test")
    assert status == 200 and json.loads(body["content"][0]["text"]) == {"units": []}
    explain = {**ASK, "output_config": {"format": {"type": "json_schema", "schema": EXPLAIN_SCHEMA}}}
    _, body = messages(explain, api_key="sk-test")
    assert json.loads(body["content"][0]["text"]) == {"explanation": "The stand-in model has nothing to add.",
                                                      "citations": []}
    again = messages(ASK, api_key="sk-test")[1]
    assert again["id"] != body["id"] and again["id"].startswith("msg_")


def test_the_official_client_parses_the_answer_over_http() -> None:
    with StandIn(World()) as standin:
        client = anthropic.Anthropic(api_key="sk-test", base_url=standin.base_url, max_retries=0)
        message = client.messages.create(model="claude-haiku-4-5", max_tokens=64,
                                         messages=[{"role": "user", "content": "judge"}])
        assert message.model == "claude-haiku-4-5"  # the model asked for is echoed back
        assert message.stop_reason == "end_turn" and message.usage.input_tokens == 200
        assert message.content[0].type == "text" and json.loads(message.content[0].text) == {"units": []}
        anonymous = requests.post(f"{standin.base_url}/v1/messages", json=ASK, timeout=10)
        assert anonymous.status_code == 401 and anonymous.json()["type"] == "error"
