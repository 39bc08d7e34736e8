"""The bearer-token check shared by the metrics endpoint, the trends API and sign-in."""

from __future__ import annotations

from custody.reviewer.app.access import bearer_token, is_api_token
from starlette.requests import Request


def request_with(headers: dict[str, str]) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": raw})


def test_bearer_token_reads_the_authorization_header_case_insensitively() -> None:
    assert bearer_token(request_with({"Authorization": "bearer abc"})) == "abc"
    assert bearer_token(request_with({"Authorization": "Bearer abc"})) == "abc"


def test_other_schemes_and_empty_tokens_carry_no_bearer_token() -> None:
    assert bearer_token(request_with({"Authorization": "Basic abc"})) is None
    assert bearer_token(request_with({"Authorization": "Bearer "})) is None
    assert bearer_token(request_with({})) is None


def test_nothing_matches_when_the_deployment_has_no_api_token() -> None:
    assert not is_api_token("anything", None)
    assert not is_api_token("", "")


def test_only_the_exact_token_matches() -> None:
    assert is_api_token("s3cret", "s3cret")
    assert not is_api_token("s3cre", "s3cret")
    assert not is_api_token(None, "s3cret")
