"""Which answers of GitHub end a job for good: 401, 403 and 404, but never a rate limit."""

from __future__ import annotations

import pytest
from custody.reviewer.app.github.final import final_github_errors, is_final
from custody.reviewer.app.queue.jobs import JobCannotSucceed
from github import GithubException, RateLimitExceededException


def refusal(status: int, message: str = "Not Found", headers: dict[str, str] | None = None) -> GithubException:
    return GithubException(status, {"message": message, "documentation_url": "https://docs.github.com/rest"},
                           headers or {})


@pytest.mark.parametrize("status", [401, 403, 404])
def test_refusals_that_asking_again_cannot_change_are_final(status: int) -> None:
    assert is_final(refusal(status))


@pytest.mark.parametrize("exc", [
    refusal(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
    refusal(403, "Forbidden", {"Retry-After": "60"}),
    refusal(403, "Forbidden", {"X-RateLimit-Remaining": "0"}),
    RateLimitExceededException(403, {"message": "API rate limit exceeded"}, {}),
    refusal(500, "Server Error"), refusal(502, "Bad Gateway"), refusal(422, "Unprocessable Entity"),
])
def test_rate_limits_and_server_errors_are_worth_retrying(exc: GithubException) -> None:
    assert not is_final(exc)


def test_final_errors_become_job_cannot_succeed_with_a_fixed_reason() -> None:
    with pytest.raises(JobCannotSucceed, match=r"^GitHub answered 404 to reading o/r#1$") as raised, \
            final_github_errors("reading o/r#1"):
        raise refusal(404, "Not Found <script>")
    assert isinstance(raised.value.__cause__, GithubException)
    with pytest.raises(GithubException), final_github_errors("reading o/r#1"):
        raise refusal(502, "Bad Gateway")
