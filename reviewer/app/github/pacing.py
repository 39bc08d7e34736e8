"""Pace GitHub requests per installation across every worker of a deployment: one write at a time,
the write interval apart, and nothing while GitHub says to wait (Retry-After, X-RateLimit-Reset).

GitHub's guidance for integrations (docs.github.com, "Best practices for using the REST API"):
avoid concurrent writes, leave at least a second between POST/PATCH/PUT/DELETE requests, stop
until X-RateLimit-Reset when X-RateLimit-Remaining is 0, and after a secondary rate limit wait
Retry-After seconds (a minute when GitHub does not say). The budget that enforces it is shared:
the store's database (SQLite or PostgreSQL) or, in the Redis deployment mode, Redis; installations
never wait for one another. The seam is the requests adapter of PyGithub's connection, so every
call of an installation client passes here, and a refused request is sent again once the pause is
over instead of by urllib3's in-process retry.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol
from urllib.parse import urlparse

from custody.reviewer.app.github.transport import CreateOnce
from custody.reviewer.app.queue import compute
from custody.reviewer.app.store.database import Database
from custody.reviewer.app.store.models import GithubBudget
from custody.reviewer.settings import Settings
from github import Github, RateLimitExceededException
from github.Requester import HTTPRequestsConnectionClass, HTTPSRequestsConnectionClass, Requester
from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter
from sqlalchemy import case, or_, select, update
from urllib3.util.retry import Retry

log = logging.getLogger(__name__)

WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})
DEFAULT_WRITE_INTERVAL_S = 1.0
SECONDARY_WAIT_S = 60.0  # GitHub: without Retry-After, wait at least a minute
WRITE_LEASE_S = 60.0  # a write slot whose holder died frees itself (PyGithub's timeout is 15 s)
POLL_S = 0.05  # how soon to look again when another worker holds the slot and no interval applies
MAX_WAIT_S = 300.0  # longer than this, a job gives up (and is retried) rather than hold a worker
RATE_LIMIT_RETRIES = 3  # a request refused for a rate limit is sent again this often, each after the pause
# PyGithub keeps the connection class on each Requester under this name; the paced one replaces it.
_CONNECTION_CLASS = "_Requester__connectionClass"


class Budget(Protocol):
    """The shared state of each installation's pacing; `now` is Unix time, passed in so that one
    clock (injectable in tests) decides every wait."""

    def take(self, key: str, write: bool, holder: str, now: float, interval: float) -> float:
        """0 when the request may go now (a write then holds the installation's write slot),
        otherwise the seconds to wait before asking again."""
        ...

    def give_back(self, key: str, write: bool, holder: str, now: float, interval: float,
                  pause_until: float | None) -> None:
        """The request ended at `now`: free the write slot (the next write may start `interval`
        later), and pause the installation until `pause_until` if GitHub said so."""
        ...

    def close(self) -> None: ...


class Paused(RateLimitExceededException):
    """GitHub asked this installation to wait longer than a job should hold its worker."""


def pause_of(status: int, headers: Mapping[str, str], message: str, now: float) -> tuple[float | None, bool]:
    """What one answer of GitHub says: until when the installation must pause (None: it need not),
    and whether the request itself was refused for a rate limit (and so may be sent again)."""
    lower = {k.lower(): v for k, v in headers.items()}
    exhausted = lower.get("x-ratelimit-remaining") == "0"
    reset = _number(lower.get("x-ratelimit-reset"))
    if status in (403, 429):
        retry_after = _number(lower.get("retry-after"))
        if retry_after is not None:
            return now + retry_after, True
        if exhausted and reset is not None:
            return max(now, reset + 1), True  # PyGithub adds the second: the reset falls somewhere in it
        text = message.lower()
        if Requester.isRateLimitError(text) or status == 429:
            return now + SECONDARY_WAIT_S, True
        return None, False
    if exhausted and reset is not None and reset > now:
        return reset + 1, False  # this answer is good, the next one would be refused
    return None, False


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class Turn:
    """One request's place in its installation's budget; the answer is noted on it."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self.pause_until: float | None = None

    def saw(self, status: int, headers: Mapping[str, str], message: str = "") -> bool:
        """Note GitHub's answer; True when it refused the request for a rate limit."""
        self.pause_until, refused = pause_of(status, headers, message, self._now())
        return refused


class Pacer:
    """Waits its turn in a shared budget before each request, with an injectable clock."""

    def __init__(self, budget: Budget, write_interval: float = DEFAULT_WRITE_INTERVAL_S,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
                 max_wait: float = MAX_WAIT_S) -> None:
        self.budget = budget
        self.write_interval = write_interval
        self.clock = clock
        self.sleep = sleep
        self.max_wait = max_wait

    @contextmanager
    def turn(self, key: str, write: bool) -> Iterator[Turn]:
        holder = uuid.uuid4().hex
        started = self.clock()
        while (wait := self.budget.take(key, write, holder, self.clock(), self.write_interval)) > 0:
            if self.clock() + wait - started > self.max_wait:
                raise Paused(403, {"message": f"GitHub asked installation {key} to wait {wait:.0f} s more"},
                             {"Retry-After": str(int(wait) + 1)})
            with compute.waiting():  # a review paused here leaves its worker's compute slot to others
                self.sleep(wait)
        turn = Turn(self.clock)
        try:
            yield turn
        finally:
            self.budget.give_back(key, write, holder, self.clock(), self.write_interval, turn.pause_until)
            if turn.pause_until is not None:
                log.warning("GitHub asked installation %s to wait %.1f s", key, turn.pause_until - self.clock())


def _wait(paused_until: float, next_write_at: float, writer: str | None, writer_until: float, now: float,
          write: bool, interval: float) -> float:
    """The rule both budgets keep (the Redis one in Lua, below)."""
    if paused_until > now:
        return paused_until - now
    if not write:
        return 0.0
    if writer is not None and writer_until > now:
        # The next write starts no sooner than the interval after the current one ends.
        return max(interval, POLL_S)
    return max(next_write_at - now, 0.0)


class SqlBudget(Database):
    """The budget in the store's database (table github_budget): SQLite or PostgreSQL. A read costs
    one SELECT; a write one conditional UPDATE to take the slot and one to give it back."""

    def __init__(self, url: str, migrate: bool = True) -> None:
        super().__init__(url)
        if migrate:  # every process migrates at start; a client built outside one must find the table too
            self.upgrade()
        self._known: set[str] = set()

    def _row(self, key: str) -> tuple[float, float, str | None, float]:
        with self.engine.connect() as connection:
            row = connection.execute(select(GithubBudget.paused_until, GithubBudget.next_write_at,
                                            GithubBudget.writer, GithubBudget.writer_until)
                                     .where(GithubBudget.installation == key)).first()
        if row is None:
            return 0.0, 0.0, None, 0.0
        return float(row[0]), float(row[1]), row[2], float(row[3])

    def _ensure(self, key: str) -> None:
        if key in self._known:
            return
        with self.engine.begin() as connection:
            connection.execute(self._upsert(GithubBudget).values(
                installation=key, paused_until=0.0, next_write_at=0.0, writer=None, writer_until=0.0,
            ).on_conflict_do_nothing(index_elements=[GithubBudget.installation]))
        self._known.add(key)

    def take(self, key: str, write: bool, holder: str, now: float, interval: float) -> float:
        wait = _wait(*self._row(key), now, write, interval)
        if wait > 0 or not write:
            return wait
        self._ensure(key)
        # One statement decides: the row is locked while its WHERE is checked (PostgreSQL re-checks
        # it after waiting for a concurrent update; SQLite writes one at a time).
        with self.engine.begin() as connection:
            taken = connection.execute(
                update(GithubBudget).where(
                    GithubBudget.installation == key, GithubBudget.paused_until <= now,
                    GithubBudget.next_write_at <= now,
                    or_(GithubBudget.writer.is_(None), GithubBudget.writer_until <= now))
                .values(writer=holder, writer_until=now + WRITE_LEASE_S)).rowcount
        return 0.0 if taken == 1 else max(interval, POLL_S)

    def give_back(self, key: str, write: bool, holder: str, now: float, interval: float,
                  pause_until: float | None) -> None:
        values: dict[str, Any] = {}
        if write:
            ready = now + interval
            values["next_write_at"] = case((GithubBudget.next_write_at > ready, GithubBudget.next_write_at),
                                           else_=ready)
            values["writer"] = case((GithubBudget.writer == holder, None), else_=GithubBudget.writer)
        if pause_until is not None:
            self._ensure(key)
            values["paused_until"] = case((GithubBudget.paused_until > pause_until, GithubBudget.paused_until),
                                          else_=pause_until)
        if values:
            with self.engine.begin() as connection:
                connection.execute(update(GithubBudget).where(GithubBudget.installation == key).values(**values))

_TAKE = """
local b = redis.call('HMGET', KEYS[1], 'paused_until', 'next_write_at', 'writer', 'writer_until')
local now, write, holder = tonumber(ARGV[1]), ARGV[2] == '1', ARGV[3]
local lease, interval, poll = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local paused = tonumber(b[1]) or 0
if paused > now then return tostring(paused - now) end
if not write then return '0' end
if b[3] and (tonumber(b[4]) or 0) > now then return tostring(math.max(interval, poll)) end
local next_write = tonumber(b[2]) or 0
if next_write > now then return tostring(next_write - now) end
redis.call('HSET', KEYS[1], 'writer', holder, 'writer_until', tostring(now + lease))
redis.call('EXPIRE', KEYS[1], 86400)
return '0'
"""

_GIVE_BACK = """
local now, write, holder = tonumber(ARGV[1]), ARGV[2] == '1', ARGV[3]
local interval, pause = tonumber(ARGV[4]), tonumber(ARGV[5])
if write then
  if redis.call('HGET', KEYS[1], 'writer') == holder then redis.call('HDEL', KEYS[1], 'writer', 'writer_until') end
  if now + interval > (tonumber(redis.call('HGET', KEYS[1], 'next_write_at')) or 0) then
    redis.call('HSET', KEYS[1], 'next_write_at', tostring(now + interval))
  end
end
if pause > (tonumber(redis.call('HGET', KEYS[1], 'paused_until')) or 0) then
  redis.call('HSET', KEYS[1], 'paused_until', tostring(pause))
end
redis.call('EXPIRE', KEYS[1], 86400)
return '0'
"""


class RedisBudget:
    """The budget in Redis (the queue's server in the Redis deployment mode): a hash per
    installation, read and changed by one Lua script at a time, so the check and the take are one."""

    def __init__(self, url: str, prefix: str = "custody:github-budget:") -> None:
        import redis

        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self._take = self.client.register_script(_TAKE)
        self._give_back = self.client.register_script(_GIVE_BACK)

    def take(self, key: str, write: bool, holder: str, now: float, interval: float) -> float:
        answer = self._take(keys=[self.prefix + key],
                            args=[repr(now), "1" if write else "0", holder, WRITE_LEASE_S, interval, POLL_S])
        return float(answer)

    def give_back(self, key: str, write: bool, holder: str, now: float, interval: float,
                  pause_until: float | None) -> None:
        if write or pause_until is not None:
            self._give_back(keys=[self.prefix + key], args=[repr(now), "1" if write else "0", holder, interval,
                                                            repr(pause_until if pause_until is not None else 0.0)])

    def close(self) -> None:
        self.client.close()


_budgets: dict[tuple[str, str], Budget] = {}
_budgets_lock = threading.Lock()


def budget_for(settings: Settings) -> Budget:
    """Redis when the queue is on Redis (the distributed mode), otherwise the store's database;
    one per process, shared by its threads."""
    redis_queue = urlparse(settings.queue_url).scheme in ("redis", "rediss")
    where = ("redis", settings.queue_url) if redis_queue else ("sql", settings.database_url)
    with _budgets_lock:
        if where not in _budgets:
            _budgets[where] = RedisBudget(settings.queue_url) if redis_queue else SqlBudget(settings.database_url)
        return _budgets[where]


def transport_retry(retry: int | Retry | None) -> int | Retry | None:
    """The retry urllib3 keeps (connection errors, 5xx): the same, minus rate-limit answers, which
    PacedAdapter sends again once the shared pause is over instead of sleeping in one process."""
    if not isinstance(retry, Retry):
        return retry
    forcelist = {s for s in (retry.status_forcelist or ()) if s not in (403, 429)}
    methods = retry.allowed_methods
    if isinstance(retry, CreateOnce) and methods:
        # A create whose answer was lost may have happened: never sent again after a 5xx or a read
        # error (the publisher looks for it first). A refused one is resent by PacedAdapter.
        methods = frozenset(m for m in methods if m != "POST")
    return Retry(total=retry.total, connect=retry.connect, read=retry.read, redirect=retry.redirect,
                 status=retry.status, other=retry.other, allowed_methods=methods,
                 status_forcelist=forcelist, backoff_factor=retry.backoff_factor,
                 raise_on_redirect=retry.raise_on_redirect, raise_on_status=retry.raise_on_status,
                 respect_retry_after_header=retry.respect_retry_after_header)


class PacedAdapter(HTTPAdapter):
    """requests' adapter, each request sent in its installation's turn and its answer noted."""

    def __init__(self, pacer: Pacer, key: str, **options: Any) -> None:
        super().__init__(**options)
        self.pacer = pacer
        self.key = key

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        write = (request.method or "GET").upper() in WRITE_METHODS
        for attempt in range(RATE_LIMIT_RETRIES + 1):
            with self.pacer.turn(self.key, write) as turn:
                response = super().send(request, *args, **kwargs)
                refused = turn.saw(response.status_code, response.headers, _message(response))
            if not refused or attempt == RATE_LIMIT_RETRIES:
                break
            response.close()  # refused, so not performed: the same request goes again after the pause
        return response


def _message(response: Response) -> str:
    if response.status_code not in (403, 429):
        return ""
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("message") or "") if isinstance(body, dict) else ""


def paced_connection(base: type[HTTPRequestsConnectionClass] | type[HTTPSRequestsConnectionClass], pacer: Pacer,
                     key: str) -> type[Any]:
    """PyGithub's connection class with its session's adapter replaced by a PacedAdapter."""

    class PacedConnection(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            prefix = f"{self.protocol}://"
            self.session.adapters[prefix].close()
            paced = PacedAdapter(pacer, key, max_retries=transport_retry(self.retry),
                                 pool_connections=self.pool_size, pool_maxsize=self.pool_size)
            self.session.mount(prefix, paced)
            self.adapter = paced

    return PacedConnection


def pace(gh: Github, pacer: Pacer, key: str) -> Github:
    """Send every request of `gh` through `pacer` under `key`. PyGithub has no public hook for its
    session, so the connection class of this client's Requester is swapped (before its first call,
    which creates the connection)."""
    requester = gh.requester
    base = getattr(requester, _CONNECTION_CLASS, None)
    if base is None:
        raise RuntimeError(f"PyGithub's Requester has no {_CONNECTION_CLASS}: update app/github/pacing.py")
    setattr(requester, _CONNECTION_CLASS, paced_connection(base, pacer, key))
    return gh


def installation_key(installation_id: int) -> str:
    return f"installation-{installation_id}"


def pace_installation(gh: Github, settings: Settings, installation_id: int) -> Github:
    """The deployment's shared budget for this installation, at the configured write interval."""
    interval = settings.github_write_interval
    pacer = Pacer(budget_for(settings), DEFAULT_WRITE_INTERVAL_S if interval is None else interval)
    return pace(gh, pacer, installation_key(installation_id))
