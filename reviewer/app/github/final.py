"""Which answers of GitHub mean a job can never succeed, so the worker stops retrying it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from custody.reviewer.app.queue.jobs import JobCannotSucceed
from github import GithubException, RateLimitExceededException

# Bad credentials, access withdrawn, or gone: an uninstalled installation, a deleted or
# transferred repository, a pull request that is no more. Asking again gets the same answer.
FINAL_STATUSES = frozenset({401, 403, 404})


def is_final(exc: GithubException) -> bool:
    """401, 403 or 404, except a rate limit (a 403 that says so, or carries Retry-After or an
    exhausted quota), which passes and is worth retrying."""
    if exc.status not in FINAL_STATUSES or isinstance(exc, RateLimitExceededException):
        return False
    headers = {key.lower(): value for key, value in (exc.headers or {}).items()}
    if "retry-after" in headers or headers.get("x-ratelimit-remaining") == "0":
        return False
    message = exc.data.get("message", "") if isinstance(exc.data, dict) else ""
    return "rate limit" not in str(message).lower()


@contextmanager
def final_github_errors(what: str) -> Iterator[None]:
    """Turn GitHub's final refusals while doing `what` into `JobCannotSucceed` (with a fixed
    reason naming the status, never GitHub's text); everything else passes unchanged."""
    try:
        yield
    except GithubException as exc:
        if is_final(exc):
            raise JobCannotSucceed(f"GitHub answered {exc.status} to {what}") from exc
        raise
