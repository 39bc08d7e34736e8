"""Ask again with backoff (honouring retry-after) when the model is rate limited, overloaded or garbled."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from custody.reviewer.llm.protocol import ModelError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

T = TypeVar("T")
ATTEMPTS = 3
BASE_WAIT = 1.0
MAX_WAIT = 30.0  # a longer retry-after is not worth holding a review for


def wait_for(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome is not None else None
    if isinstance(exc, ModelError) and exc.retry_after is not None:
        return min(max(exc.retry_after, 0.0), MAX_WAIT)
    return float(min(BASE_WAIT * 2.0 ** (state.attempt_number - 1), MAX_WAIT))


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, ModelError) and exc.retryable


def with_retries(call: Callable[[], T], sleep: Callable[[float], None], attempts: int = ATTEMPTS) -> T:
    """`call()`, asked up to `attempts` times; the last ModelError is raised when all fail."""
    retrying = Retrying(stop=stop_after_attempt(attempts), wait=wait_for,
                        retry=retry_if_exception(_retryable), sleep=sleep, reraise=True)
    return retrying(call)
