"""Backoff: exponential by default, retry-after when the server says, and never for a permanent error."""

from __future__ import annotations

import pytest
from custody.reviewer.llm.protocol import ModelError
from custody.reviewer.llm.retry import MAX_WAIT, with_retries


def flaky(errors: list[ModelError]) -> tuple[list[int], object]:
    calls: list[int] = []

    def call() -> str:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return "ok"
    return calls, call


def test_waits_double_then_succeed() -> None:
    waits: list[float] = []
    calls, call = flaky([ModelError("529", retryable=True), ModelError("timeout", retryable=True)])
    assert with_retries(call, waits.append) == "ok" and waits == [1.0, 2.0] and len(calls) == 3  # type: ignore[arg-type]


def test_retry_after_is_honoured_up_to_a_cap() -> None:
    waits: list[float] = []
    _, call = flaky([ModelError("429", retryable=True, retry_after=3.5),
                     ModelError("429", retryable=True, retry_after=600)])
    with_retries(call, waits.append)  # type: ignore[arg-type]
    assert waits == [3.5, MAX_WAIT]


def test_permanent_errors_and_exhaustion_raise_the_last_error() -> None:
    calls, call = flaky([ModelError("401", retryable=False)])
    with pytest.raises(ModelError, match="401"):
        with_retries(call, lambda s: None)  # type: ignore[arg-type]
    assert len(calls) == 1
    calls, call = flaky([ModelError(str(i), retryable=True) for i in range(5)])
    with pytest.raises(ModelError, match="2"):
        with_retries(call, lambda s: None, attempts=3)  # type: ignore[arg-type]
    assert len(calls) == 3
