"""Under PyGithub's requests session: conditional GETs answered from an ETag cache, and retries that
never repeat a create whose answer was lost.

GitHub answers `If-None-Match` with 304 Not Modified when a resource is unchanged, and a 304 costs
no rate limit. PyGithub has no cache of its own, so the requests adapter of each installation
client keeps the last body and ETag of every GET (and of every write that returns the resource)
and replays it on a 304, so PyGithub sees the 200 it would have seen. Bodies are kept per
installation: what one installation may read is never served to another.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from custody.reviewer.model.digest import digest
from github import Github, GithubRetry
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
# Headers of a 304 that describe the request rather than the resource: they replace the cached ones.
FRESH_HEADERS = ("date", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used",
                 "x-ratelimit-resource", "x-github-request-id", "retry-after")


@dataclass(frozen=True)
class Entry:
    etag: str
    body: bytes
    headers: dict[str, str]


class ETagCache:
    """Bodies by (installation, URL, Accept), least recently used first out past `max_bytes`."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def key(scope: str, url: str, accept: str) -> str:
        return digest("etag", scope, url, accept)

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if len(entry.body) > self.max_bytes // 8:
            return  # one huge body would push out everything else
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes += len(entry.body) - (len(old.body) if old else 0)
            self._entries[key] = entry
            while self._bytes > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


_cache = ETagCache()


def etag_cache() -> ETagCache:
    return _cache


class ConditionalAdapter(HTTPAdapter):
    """An HTTP adapter that asks GitHub `If-None-Match` for what it has seen, and replays the body on 304."""

    def __init__(self, cache: ETagCache, scope: str, inner: HTTPAdapter | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cache, self.scope = cache, scope
        # The adapter the connection already had (PyGithub's own, or the per-installation PacedAdapter):
        # it sends; this one only adds If-None-Match and replays 304s.
        self.inner = inner

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()
        super().close()

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        url = str(request.url)
        accept = str(request.headers.get("Accept", ""))
        key = self.cache.key(self.scope, url, accept)
        entry = self.cache.get(key) if request.method == "GET" else None
        if entry is not None:
            request.headers["If-None-Match"] = entry.etag
        response = (self.inner.send if self.inner is not None else super().send)(request, *args, **kwargs)
        if entry is not None and response.status_code == 304:
            return _replayed(response, entry)
        etag = response.headers.get("ETag")
        if etag and 200 <= response.status_code < 300 and not kwargs.get("stream"):
            if request.method == "GET":
                self.cache.put(key, Entry(etag, response.content, dict(response.headers)))
            elif request.method in ("POST", "PATCH"):
                # A write answers with the resource as a later GET of its URL would: remember it, so
                # that verifying it before the next edit is a 304.
                where = _resource_url(response)
                if where:
                    self.cache.put(self.cache.key(self.scope, where, accept),
                                   Entry(etag, response.content, dict(response.headers)))
        return response


def _resource_url(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    url = body.get("url") if isinstance(body, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def _replayed(not_modified: requests.Response, entry: Entry) -> requests.Response:
    replay = requests.Response()
    headers = CaseInsensitiveDict(entry.headers)
    for name in FRESH_HEADERS:
        if name in not_modified.headers:
            headers[name] = not_modified.headers[name]
    replay.status_code, replay.headers, replay._content = 200, headers, entry.body
    replay.url, replay.request, replay.reason = not_modified.url, not_modified.request, "OK"
    replay.encoding, replay.connection = not_modified.encoding, not_modified.connection
    replay.raw = not_modified.raw
    return replay


def conditional(gh: Github, installation_id: int, cache: ETagCache | None = None) -> Github:
    """`gh` with every connection it opens sending conditional GETs through `cache` (the process's
    by default), scoped to the installation."""
    requester: Any = gh.requester
    opened: Callable[..., Any] = requester._Requester__connectionClass
    store = cache if cache is not None else _cache

    def connection(*args: Any, **kwargs: Any) -> Any:
        cnx = opened(*args, **kwargs)
        adapter = ConditionalAdapter(store, f"installation:{installation_id}", inner=cnx.adapter)
        cnx.adapter = adapter
        cnx.session.mount(f"{cnx.protocol}://", adapter)
        return cnx

    requester._Requester__connectionClass = connection
    return gh


class CreateOnce(GithubRetry):
    """PyGithub's retry, except that a POST is not sent again once it may have reached GitHub: after a
    lost answer or a 5xx the create may have happened, and the publisher looks for it before
    creating again. Rate-limit refusals (403, 429) were not performed and are retried as before."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method == "POST" and status_code not in (403, 429):
            return False
        return bool(super().is_retry(method, status_code, has_retry_after))

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> Any:
        if method == "POST" and error is not None and self._is_read_error(error):
            raise error.with_traceback(_stacktrace)
        return super().increment(method, url, response, error, _pool, _stacktrace)


def create_once_retry() -> CreateOnce:
    return CreateOnce()

