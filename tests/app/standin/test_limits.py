"""The stand-in's GitHub limits: the hourly quota in X-RateLimit headers and refused once spent,
80 content-creating requests a minute per installation and then 403 with Retry-After."""

from __future__ import annotations

from pathlib import Path

import httpx
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.keys import throwaway_app_key
from custody.reviewer.app.standin.limits import Limits
from github import Auth, GithubIntegration

TINY = Path(__file__).parent / "data" / "tiny"
START = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


def test_the_hourly_quota_is_told_then_refused_until_it_resets() -> None:
    clock = Clock()
    limits = Limits(hourly=3, clock=clock)
    remaining = [limits.check(5, write=False)[0]["X-RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    headers, refusal = limits.check(5, write=False)
    assert refusal is not None and refusal[0] == 403 and refusal[1]["message"].startswith("API rate limit exceeded")
    assert headers["X-RateLimit-Remaining"] == "0" and headers["X-RateLimit-Reset"] == str(int(START) + 3600)
    assert limits.check(6, write=False)[1] is None  # another installation has its own quota
    clock.now = START + 3600
    assert limits.check(5, write=False) == ({"X-RateLimit-Limit": "3", "X-RateLimit-Remaining": "2",
                                             "X-RateLimit-Used": "1", "X-RateLimit-Reset": str(int(START) + 7200),
                                             "X-RateLimit-Resource": "core"}, None)
    assert limits.refused["primary"] == 1


def test_more_than_80_writes_a_minute_are_refused_with_retry_after() -> None:
    clock = Clock()
    limits = Limits(clock=clock)
    for second in range(80):
        clock.now = START + second * 0.5
        assert limits.check(5, write=True)[1] is None
    headers, refusal = limits.check(5, write=True)
    assert refusal is not None and "secondary rate limit" in refusal[1]["message"]
    assert headers["Retry-After"] == "21"  # the first write leaves the window at START + 60
    assert limits.check(5, write=False)[1] is None  # reads are not content-creating
    assert limits.check(6, write=True)[1] is None
    clock.now = START + 60
    assert limits.check(5, write=True)[1] is None
    assert limits.refused["secondary"] == 1


def test_the_stand_in_applies_them_to_installation_tokens() -> None:
    world = World.from_scenario(TINY, installation_id=5)
    world.limits = Limits(writes_per_minute=1)
    with StandIn(world) as standin:
        app = GithubIntegration(auth=Auth.AppAuth(1, throwaway_app_key()), base_url=standin.base_url)
        token = app.get_access_token(5).token
        headers = {"Authorization": f"token {token}"}
        read = httpx.get(f"{standin.base_url}/repos/acme/churn-model", headers=headers)
        assert read.status_code == 200 and read.headers["X-RateLimit-Remaining"] == "4999"
        url = f"{standin.base_url}/repos/acme/churn-model/issues/42/comments"
        assert httpx.post(url, headers=headers, json={"body": "one"}).status_code == 201
        refused = httpx.post(url, headers=headers, json={"body": "two"})
        assert refused.status_code == 403 and int(refused.headers["Retry-After"]) >= 59
        assert [w["body"]["body"] for w in standin.writes if w["path"].endswith("/comments")] == ["one"]
        unknown = httpx.post(url, headers={"Authorization": "token ghs_not_minted"}, json={"body": "three"})
        assert unknown.status_code == 201 and "X-RateLimit-Remaining" not in unknown.headers
