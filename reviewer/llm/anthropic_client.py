"""The edge to Anthropic's Messages API: the only module that imports `anthropic`."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import anthropic
from custody.reviewer.llm.budget import Ledger, Limits, ReviewBudget
from custody.reviewer.llm.explain import explain_recorded
from custody.reviewer.llm.judge import ModelStageResult, as_stage
from custody.reviewer.llm.protocol import ModelAnswer, ModelClient, ModelError, ModelRequest, Usage
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.rules.book import RuleBook
from custody.reviewer.settings import Settings

ModelStage = Callable[[Evidence, RuleBook, list[AgentResult]], AgentResult]
MODEL_USAGE = "model usage:"

TIMEOUT_SECONDS = 60.0
RETRYABLE_STATUS = {408, 409, 429, 500, 502, 503, 504, 529}


def _retry_after(exc: anthropic.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


class AnthropicClient:
    """A ModelClient over `messages.create`; the SDK's own retries are off, ours honour retry-after."""

    def __init__(self, api_key: str, model: str, base_url: str | None = None,
                 timeout: float = TIMEOUT_SECONDS) -> None:
        self.model = model
        self._sdk = anthropic.Anthropic(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout)

    def complete(self, request: ModelRequest) -> ModelAnswer:
        system: list[Any] = [
            {"type": "text", "text": request.system},
            # The breakpoint after the shared PR context: every later call of the review reads it.
            {"type": "text", "text": request.context, "cache_control": {"type": "ephemeral"}},
        ]
        kwargs: dict[str, Any] = {}
        if request.output_schema:
            kwargs["output_config"] = {"format": {"type": "json_schema", "schema": request.output_schema}}
        try:
            message = self._sdk.messages.create(
                model=self.model, max_tokens=request.max_tokens, system=system,
                messages=[{"role": "user", "content": request.instruction}],
                metadata={"user_id": f"custody:{request.agent}"}, **kwargs)
        except anthropic.APIStatusError as exc:
            raise ModelError(f"HTTP {exc.status_code}", retryable=exc.status_code in RETRYABLE_STATUS,
                             retry_after=_retry_after(exc)) from exc
        except anthropic.APITimeoutError as exc:
            raise ModelError("timeout", retryable=True) from exc
        except anthropic.APIConnectionError as exc:
            raise ModelError("connection failed", retryable=True) from exc
        except anthropic.APIResponseValidationError as exc:
            raise ModelError("malformed response", retryable=True) from exc
        text = "".join(block.text for block in message.content if block.type == "text")
        usage = message.usage
        return ModelAnswer(text=text, model=message.model, usage=Usage(
            input_tokens=usage.input_tokens, output_tokens=usage.output_tokens,
            cache_read_tokens=usage.cache_read_input_tokens or 0,
            cache_write_tokens=usage.cache_creation_input_tokens or 0))


def client_from_settings(settings: Settings, base_url: str | None = None) -> ModelClient | None:
    """The configured client, or None without ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL is honoured."""
    if not settings.anthropic_api_key:
        return None
    return AnthropicClient(settings.anthropic_api_key, settings.model,
                           base_url or os.environ.get("ANTHROPIC_BASE_URL") or None)


def limits_for(settings: Settings, review_tokens: int | None = None) -> Limits:
    """The deployment's budgets; a pull request may only lower its review's share (`/custody set`)."""
    review = settings.review_tokens if review_tokens is None else min(review_tokens, settings.review_tokens)
    return Limits(review_tokens=review, agent_tokens=min(settings.agent_tokens, review),
                  monthly_tokens=settings.monthly_tokens)


def model_stage_for(settings: Settings, installation: int = 0, ledger: Ledger | None = None,
                    on_result: Callable[[ModelStageResult], None] | None = None,
                    review_tokens: int | None = None) -> ModelStage | None:
    """The model stage `run_review` takes, or None without a key: the deterministic review stands alone."""
    client = client_from_settings(settings)
    if client is None:
        return None
    limits = limits_for(settings, review_tokens)

    def report(out: ModelStageResult) -> None:
        # The usage line travels with the result, so the comment and the recorded verdict carry it.
        out.result.checked.append(f"{MODEL_USAGE} {out.usage.summary()}")
        if on_result is not None:
            on_result(out)

    return as_stage(client, lambda: ReviewBudget(limits, ledger=ledger, installation=installation),
                    on_result=report)


def explain_finding(rule_id: str, audit: tuple[dict[str, Any], dict[str, Any]] | None, rules: RuleBook,
                    settings: Settings, *, installation: int = 0, ledger: Ledger | None = None,
                    review_tokens: int | None = None) -> str | None:
    """`/custody explain RULE` with a key: the PR's latest finding of the rule in plain words."""
    client = client_from_settings(settings)
    if client is None:
        return None
    budget = ReviewBudget(limits_for(settings, review_tokens), ledger=ledger, installation=installation)
    return explain_recorded(rule_id, audit, rules, client, budget)
