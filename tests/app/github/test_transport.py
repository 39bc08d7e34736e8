"""Under PyGithub: conditional GETs replayed from the ETag cache (per installation), writes that seed
it, a bound on what it holds, and a retry that never sends a create twice."""

from __future__ import annotations

import pytest
from custody.reviewer.app.github.transport import CreateOnce, Entry, ETagCache, conditional
from custody.reviewer.app.standin import StandIn
from github import Auth, Github
from urllib3.exceptions import ProtocolError

from tests.app.github.support import FAST, NUMBER, REPO


def client(standin: StandIn, installation: int, cache: ETagCache) -> Github:
    return conditional(Github(base_url=standin.base_url, auth=Auth.Token("ghs_x"), **FAST), installation, cache)


def statuses(standin: StandIn, path: str) -> list[int]:
    return [x["status"] for x in standin.requests if x["path"] == path]


def test_an_unchanged_resource_is_a_304_and_its_body_is_replayed(standin: StandIn) -> None:
    cache = ETagCache()
    gh = client(standin, 5, cache)
    first = gh.get_repo(REPO).get_pull(NUMBER)
    second = gh.get_repo(REPO).get_pull(NUMBER)
    assert statuses(standin, f"/repos/{REPO}/pulls/{NUMBER}") == [200, 304]
    assert (second.title, second.head.sha) == (first.title, first.head.sha)


def test_a_changed_resource_is_read_again(standin: StandIn) -> None:
    cache = ETagCache()
    gh = client(standin, 5, cache)
    gh.get_repo(REPO).get_pull(NUMBER)
    standin.world.repos[REPO].pulls[NUMBER].title = "Retitled"
    assert gh.get_repo(REPO).get_pull(NUMBER).title == "Retitled"
    assert statuses(standin, f"/repos/{REPO}/pulls/{NUMBER}") == [200, 200]


def test_installations_never_share_a_body(standin: StandIn) -> None:
    cache = ETagCache()
    client(standin, 5, cache).get_repo(REPO)
    client(standin, 6, cache).get_repo(REPO)
    assert statuses(standin, f"/repos/{REPO}") == [200, 200]


def test_a_write_seeds_the_cache_so_the_next_read_is_a_304(standin: StandIn) -> None:
    cache = ETagCache()
    pr = client(standin, 5, cache).get_repo(REPO).get_pull(NUMBER)
    comment = pr.create_issue_comment("first")
    comment.edit("second")
    assert pr.get_issue_comment(comment.id).body == "second"
    assert statuses(standin, f"/repos/{REPO}/issues/comments/{comment.id}") == [200, 304]


def test_the_cache_keeps_within_its_bytes() -> None:
    cache = ETagCache(max_bytes=800)
    for i in range(10):
        cache.put(f"k{i}", Entry(f'"{i}"', b"x" * 100, {}))
    assert len(cache) == 8 and cache.get("k0") is None and cache.get("k9") is not None
    cache.put("huge", Entry('"h"', b"x" * 500, {}))  # over an eighth of the whole: not kept
    assert cache.get("huge") is None
    cache.clear()
    assert len(cache) == 0


def test_a_create_is_not_sent_again_after_a_5xx_or_a_lost_answer() -> None:
    retry = CreateOnce(total=3)
    assert not retry.is_retry("POST", 502)
    assert retry.is_retry("POST", 403, has_retry_after=True)  # a rate limit: nothing was created
    assert retry.is_retry("GET", 502) and retry.is_retry("PATCH", 503) is False  # PATCH as PyGithub had it
    lost = ProtocolError("Connection aborted.", ConnectionResetError())
    with pytest.raises(ProtocolError):
        retry.increment("POST", "/repos/o/r/check-runs", error=lost)
    assert retry.increment("GET", "/repos/o/r", error=lost).total == 2
