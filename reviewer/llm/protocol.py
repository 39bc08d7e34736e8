"""What the review core asks of a language model: one structured completion behind a small protocol."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, Field


class Usage(BaseModel):
    input_tokens: int = 0  # uncached input
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_read_tokens=self.cache_read_tokens + other.cache_read_tokens,
            cache_write_tokens=self.cache_write_tokens + other.cache_write_tokens,
        )

    @property
    def billed(self) -> int:
        """Tokens weighted as they are priced relative to plain input: writes 1.25x, reads 0.1x."""
        return (self.input_tokens + self.output_tokens + (self.cache_write_tokens * 5 + 3) // 4
                + (self.cache_read_tokens + 9) // 10)


class ModelRequest(BaseModel):
    agent: str
    task: str
    prompt_version: str  # "judge_criterion@1"
    system: str  # the fixed preamble, identical for every call of a review
    context: str  # the shared PR context: sent after the preamble and marked cacheable
    instruction: str  # what this one call asks, after the cached prefix
    output_schema: dict[str, Any] = Field(default_factory=dict)
    max_tokens: int = 1024


class ModelAnswer(BaseModel):
    text: str
    usage: Usage = Field(default_factory=Usage)
    model: str = ""


class ModelError(Exception):
    """The model could not answer; `retryable` says whether asking again may help."""

    def __init__(self, reason: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after


class ModelClient(Protocol):
    model: str

    def complete(self, request: ModelRequest) -> ModelAnswer: ...
