"""Content-addressed caches for per-file work: a key is a digest of everything the result depends
on, so an entry is never stale, only unused. A re-review after a push that changes one file finds
every other file's blob, parsed diff and per-file findings here.

In memory by default (one process); workers put it on disk (`CUSTODY_CACHE_DIR`, default
`$CUSTODY_HOME/cache`), bounded in size, so it survives restarts.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, Protocol, TypeVar, cast

from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence.diff import FileChange

V = TypeVar("V")
T = TypeVar("T")
DEFAULT_MEMORY_ITEMS = 20_000
DEFAULT_DISK_BYTES = 512 * 1024 * 1024


class ContentCache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


def code_version(*files: str) -> str:
    """A digest of the source files whose code computes a cached result: editing any of them
    retires every entry they made, so a cache on disk never serves an older version's answer."""
    return digest(*(Path(f).read_bytes() for f in files))[:16]


class Lru(Generic[V]):
    """Least recently used entries go first once `max_items` are held, or once their `weigh`ed total
    passes `max_weight` (a cache of texts bounded by characters, not by count); thread-safe."""

    def __init__(self, max_items: int = DEFAULT_MEMORY_ITEMS, max_weight: int | None = None,
                 weigh: Callable[[str, V], int] | None = None) -> None:
        self.max_items, self.max_weight, self.weigh = max_items, max_weight, weigh
        self._items: OrderedDict[str, V] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
            return data

    def put(self, key: str, data: V) -> None:
        with self._lock:
            old = self._items.get(key)
            if old is not None:
                self._weight -= self._weigh(key, old)
            self._items[key] = data
            self._weight += self._weigh(key, data)
            self._items.move_to_end(key)
            while self._items and (len(self._items) > self.max_items
                                   or (self.max_weight is not None and self._weight > self.max_weight)):
                dropped, value = self._items.popitem(last=False)
                self._weight -= self._weigh(dropped, value)

    def _weigh(self, key: str, data: V) -> int:
        return self.weigh(key, data) if self.weigh is not None else 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def weight(self) -> int:
        """The `weigh`ed total of what is held (0 without `weigh`)."""
        return self._weight


class MemoryCache(Lru[bytes]):
    """The in-process content cache: bytes by key."""


class DiskCache:
    """Files named by their key under `root`, written atomically; the oldest are removed when the
    folder grows past `max_bytes`. Safe to share between processes: a key's content never changes."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_DISK_BYTES, check_every: int = 256) -> None:
        self.root, self.max_bytes, self.check_every = root, max_bytes, check_every
        self._puts = 0
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        if len(key) < 8 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError("cache keys are hex digests")
        return self.root / key[:2] / key

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{key}.{os.getpid()}.{threading.get_ident()}")
            partial.write_bytes(data)
            os.replace(partial, path)
        except OSError:
            return  # a full or read-only disk costs speed, never a review
        with self._lock:
            self._puts += 1
            due = self._puts % self.check_every == 0
        if due:
            self.trim()

    def trim(self) -> None:
        """Remove the least recently written entries until the folder fits in `max_bytes`."""
        entries = []
        for path in self.root.glob("??/*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                continue


_cache: ContentCache = MemoryCache()
# Parsed objects of this process, beside the bytes: rebuilding them from bytes costs too. What is
# kept here is shared between reviews, so it must never be changed after it is made.
_objects: Lru[object] = Lru(4_000)


def configure(cache: ContentCache) -> None:
    """Use `cache` from now on; the objects parsed so far are forgotten with the old one."""
    global _cache, _objects
    _cache, _objects = cache, Lru(4_000)


def cache() -> ContentCache:
    return _cache


def objects() -> Lru[object]:
    return _objects


_NOTHING = object()  # what `remembered` holds for a result of None, so that None is remembered too


def remembered(kind: str, content_key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per content and process: what a push left unchanged is not computed again
    (a result of None included). A `compute` that raises is not remembered: it runs again next time."""
    key = digest(kind, content_key)
    hit = _objects.get(key)
    if hit is None:
        hit = compute()
        _objects.put(key, _NOTHING if hit is None else hit)
    return cast(T, None if hit is _NOTHING else hit)


def remembered_for_file(kind: str, change: FileChange, head_text: str | None, compute: Callable[[], T]) -> T:
    """`remembered` for work over one changed file and its head text: a push re-does it only for
    the files it changed. `compute` must depend on nothing else, and what it returns is shared
    between reviews, so it must be immutable (tuples, frozen dataclasses, frozensets)."""
    return remembered(kind, digest(change.content_key(), head_text if head_text is not None else "\0absent"), compute)


def disk_cache_from_env(home: Path) -> DiskCache:
    root = Path(os.environ.get("CUSTODY_CACHE_DIR") or home / "cache")
    megabytes = os.environ.get("CUSTODY_CACHE_MB")
    return DiskCache(root, int(megabytes) * 1024 * 1024 if megabytes and megabytes.isdigit() else DEFAULT_DISK_BYTES)
