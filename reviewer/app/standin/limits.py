"""GitHub's rate limits per installation, for the stand-in: the hourly quota, told in X-RateLimit
headers and refused with 403 once spent, and the documented secondary limit on content-creating
requests (80 a minute), refused with 403 and Retry-After. Off unless the World is given Limits."""

from __future__ import annotations

import math
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PRIMARY = "API rate limit exceeded for installation ID {installation}."
SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"
Refusal = tuple[int, dict[str, Any]]


@dataclass
class Limits:
    """GitHub's published limits (docs.github.com, "Rate limits for the REST API"), kept per
    installation; `refused` counts the refusals by kind ("primary", "secondary")."""

    hourly: int = 5000
    writes_per_minute: int = 80
    window_s: float = 60.0
    quota_period_s: float = 3600.0
    clock: Callable[[], float] = time.time
    refused: Counter[str] = field(default_factory=Counter)
    _quota: dict[int, tuple[int, float]] = field(default_factory=dict)  # installation -> (used, reset)
    _writes: dict[int, deque[float]] = field(default_factory=dict)  # installation -> its recent writes

    def check(self, installation: int, write: bool) -> tuple[dict[str, str], Refusal | None]:
        """The X-RateLimit headers of this request's answer, and the refusal if it is over a limit."""
        now = self.clock()
        used, reset = self._quota.get(installation, (0, now + self.quota_period_s))
        if now >= reset:
            used, reset = 0, now + self.quota_period_s
        if used >= self.hourly:
            self.refused["primary"] += 1
            return self._headers(used, reset), (403, {"message": PRIMARY.format(installation=installation),
                                                      "documentation_url": DOCS, "status": "403"})
        used += 1
        self._quota[installation] = (used, reset)
        headers = self._headers(used, reset)
        if not write:
            return headers, None
        recent = self._writes.setdefault(installation, deque())
        while recent and recent[0] <= now - self.window_s:
            recent.popleft()
        if len(recent) >= self.writes_per_minute:
            self.refused["secondary"] += 1
            headers["Retry-After"] = str(max(1, math.ceil(recent[0] + self.window_s - now)))
            return headers, (403, {"message": SECONDARY, "documentation_url": DOCS, "status": "403"})
        recent.append(now)
        return headers, None

    def _headers(self, used: int, reset: float) -> dict[str, str]:
        return {"X-RateLimit-Limit": str(self.hourly), "X-RateLimit-Remaining": str(max(0, self.hourly - used)),
                "X-RateLimit-Used": str(used), "X-RateLimit-Reset": str(math.ceil(reset)),
                "X-RateLimit-Resource": "core"}
