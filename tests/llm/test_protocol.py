"""The model protocol: usage adds up and is billed as the cache prices it; requests and answers validate;
a model error says whether to ask again."""

from __future__ import annotations

import pytest
from custody.reviewer.llm.protocol import ModelAnswer, ModelClient, ModelError, ModelRequest, Usage
from pydantic import ValidationError

from tests.llm.fakes import ScriptedClient


def test_usage_adds_field_by_field_and_zero_is_neutral() -> None:
    one = Usage(input_tokens=21, output_tokens=393, cache_write_tokens=188_086)
    two = Usage(input_tokens=3, output_tokens=7, cache_read_tokens=188_086)
    assert one + two == Usage(input_tokens=24, output_tokens=400, cache_read_tokens=188_086,
                              cache_write_tokens=188_086)
    assert one + Usage() == one


@pytest.mark.parametrize(("usage", "billed"), [
    (Usage(), 0),
    (Usage(input_tokens=100, output_tokens=50), 150),
    (Usage(cache_write_tokens=4), 5),  # 1.25 x
    (Usage(cache_write_tokens=1), 2),  # rounded up, never down to free
    (Usage(cache_read_tokens=100), 10),  # 0.1 x
    (Usage(cache_read_tokens=1), 1),
    (Usage(input_tokens=21, output_tokens=393, cache_write_tokens=188_086), 21 + 393 + 235_108),
])
def test_billed_tokens_weigh_cache_writes_and_reads_as_priced(usage: Usage, billed: int) -> None:
    assert usage.billed == billed


def test_a_request_needs_its_parts_and_round_trips() -> None:
    request = ModelRequest(agent="scope", task="judge_criterion", prompt_version="judge_criterion@1",
                           system="You review ML pull requests.", context="<pr>...</pr>",
                           instruction="Is criterion 1 met?", output_schema={"type": "object"})
    assert request.max_tokens == 1024
    assert ModelRequest.model_validate_json(request.model_dump_json()) == request
    with pytest.raises(ValidationError, match="instruction"):
        ModelRequest.model_validate({"agent": "scope", "task": "t", "prompt_version": "p@1", "system": "s",
                                     "context": "c"})


def test_an_answer_defaults_to_no_usage_and_refuses_a_bad_count() -> None:
    assert ModelAnswer(text="{}").usage == Usage()
    with pytest.raises(ValidationError):
        ModelAnswer.model_validate({"text": "{}", "usage": {"input_tokens": "many"}})


def test_a_model_error_carries_its_reason_and_whether_to_retry() -> None:
    error = ModelError("overloaded", retryable=True, retry_after=2.5)
    assert (str(error), error.reason, error.retryable, error.retry_after) == ("overloaded", "overloaded", True, 2.5)
    final = ModelError("invalid request", retryable=False)
    assert final.retry_after is None and not final.retryable


def test_a_client_is_anything_with_a_model_name_and_complete() -> None:
    client: ModelClient = ScriptedClient(lambda request: '{"met": true}')
    answer = client.complete(ModelRequest(agent="scope", task="t", prompt_version="t@1", system="s",
                                          context="c", instruction="i"))
    assert answer.text == '{"met": true}' and answer.model == client.model
    assert answer.usage.cache_write_tokens > 0
