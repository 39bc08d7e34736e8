"""Webhook deliveries, the jobs they carry, PR review leases and each PR's newest head."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from custody.reviewer.app.store.models import (
    Delivery,
    PrHead,
    PrLock,
    utcnow,
)
from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    pass
from custody.reviewer.app.store.database import Database, db_text, optional_db_text

_DELIVERY_INSERT = insert(Delivery)  # one statement object: its compiled form is reused
DEFAULT_MAX_CLAIMS = 8
log = logging.getLogger(__name__)


class _NotFolded(Exception):
    """Rolls the fold's transaction back: the queued job was started meanwhile."""


def max_claims() -> int:
    """How many times a delivery's job may be handed out (the webhook's first claim included)
    before the requeue sweep parks it as dead instead of putting it back again."""
    return max(1, int(os.environ.get("CUSTODY_JOB_MAX_CLAIMS", str(DEFAULT_MAX_CLAIMS))))


@dataclass(frozen=True)
class DeadJob:
    """A delivery whose job was given up: what it was for, how often it was claimed, and why."""

    delivery_id: str
    event: str
    repo: str | None
    number: int | None
    claims: int
    failure: str
    received_at: datetime
    finished_at: datetime | None


class Deliveries(Database):
    """Delivery dedupe, job bookkeeping for the requeue sweep, one review of a PR at a time."""

    def accept_delivery(self, delivery_id: str, event: str, action: str | None, repo: str, number: int,
                        head_sha: str | None, job: str, dedupe_key: str | None = None,
                        installation: int | None = None) -> bool:
        """The webhook's one write: note the PR's newest head and record the delivery with its job,
        as enqueued. False for a redelivery: the same delivery id, or the same `dedupe_key` (what the
        delivery carries) under another id. If the process dies before the job reaches the queue,
        the requeue sweep finds it (enqueued, never started) after the lease.

        Core statements on a bare connection, not the ORM: this runs once per delivery, under the
        web process's write lock, and the session's bookkeeping was half its cost."""
        now = utcnow()
        try:
            with self.engine.begin() as connection:
                if head_sha is not None:
                    self._upsert_head(connection, repo, number, head_sha)
                connection.execute(_DELIVERY_INSERT, {
                    "id": db_text(delivery_id), "event": db_text(event), "action": optional_db_text(action),
                    "repo": optional_db_text(repo), "number": number, "job": job, "enqueued_at": now,
                    "received_at": now, "claimed_at": now, "claims": 1,
                    "dedupe_key": optional_db_text(dedupe_key), "installation": installation})
            return True
        except IntegrityError:
            return False

    def queued_review(self, repo: str, number: int) -> tuple[str, str] | None:
        """The delivery whose review job for this pull request waits in the queue, not yet started
        by a worker (a push's review), and that job as stored: pushes and `/custody review`
        comments fold into it."""
        with self._sessions() as session:
            row = session.execute(select(Delivery.id, Delivery.job).where(
                Delivery.repo == db_text(repo), Delivery.number == number, Delivery.event == "pull_request",
                Delivery.job.is_not(None), Delivery.started_at.is_(None), Delivery.finished_at.is_(None),
            ).order_by(Delivery.received_at).limit(1)).first()
            return (row[0], row[1]) if row is not None and row[1] is not None else None

    def fold_delivery(self, delivery_id: str, event: str, action: str | None, repo: str, number: int,
                      head_sha: str | None, into: str, was: str, into_job: str, dedupe_key: str | None = None,
                      installation: int | None = None) -> bool | None:
        """Record a delivery whose review is folded into the job of delivery `into`, still queued:
        that job's stored form `was` becomes `into_job` (the newest head and base, or one more
        commenter answered), which the worker reads when it starts, and this delivery is finished
        without a job of its own. True when folded, False for a redelivery, None when `into` was
        started meanwhile or its job changed since it was read (read it again, or queue a job).

        The update only matches a job no worker started and no other fold changed; starting is an
        update of the same row, so the two are ordered by the database and a started job is never
        changed under a worker."""
        now = utcnow()
        try:
            with self.engine.begin() as connection:
                taken = cast(CursorResult[Any], connection.execute(
                    update(Delivery).where(Delivery.id == db_text(into), Delivery.job == was,
                                           Delivery.started_at.is_(None), Delivery.finished_at.is_(None))
                    .values(job=into_job)))
                if taken.rowcount != 1:
                    raise _NotFolded
                if head_sha is not None:
                    self._upsert_head(connection, repo, number, head_sha)
                connection.execute(_DELIVERY_INSERT, {
                    "id": db_text(delivery_id), "event": db_text(event), "action": optional_db_text(action),
                    "repo": optional_db_text(repo), "number": number, "job": None, "enqueued_at": None,
                    "received_at": now, "claimed_at": now, "claims": 1, "finished_at": now,
                    "dedupe_key": optional_db_text(dedupe_key), "installation": installation})
            return True
        except _NotFolded:
            return None
        except IntegrityError:
            return False

    def recent_installation_jobs(self, installation: int, event: str, since: timedelta) -> int:
        """Deliveries of `event` accepted for this installation in the last `since`, a job queued or
        folded into a queued one: the per-installation command rate limit reads it (a command counts
        whether or not it needed a job of its own)."""
        cutoff = utcnow() - since
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.installation == installation, Delivery.event == db_text(event),
                Delivery.received_at >= cutoff)) or 0)

    def recent_jobs(self, repo: str, number: int, event: str, since: timedelta) -> int:
        """Deliveries of `event` accepted for this pull request in the last `since`, a job queued or
        folded into a queued one: the per-PR command rate limit reads it."""
        cutoff = utcnow() - since
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.repo == db_text(repo), Delivery.number == number, Delivery.event == db_text(event),
                Delivery.received_at >= cutoff)) or 0)

    def delivery_finished(self, delivery_id: str) -> bool:
        with self._session() as session:
            return session.scalar(select(Delivery.finished_at).where(Delivery.id == db_text(delivery_id))) is not None

    def start_delivery(self, delivery_id: str) -> str | None:
        """A worker took the job off the queue and begins it; if it dies now, the job is lost.
        Returns the job as stored at that moment: a push folded into it may have moved its head,
        and once started it is never changed again."""
        with self._session() as session:
            return session.execute(update(Delivery).where(Delivery.id == db_text(delivery_id))
                                   .values(started_at=utcnow()).returning(Delivery.job)).scalar()

    def still_working(self, delivery_id: str) -> None:
        """The worker that started this job is alive and on it: its start is renewed, so the sweep
        does not take it for lost (a job the sweep already put back, or one finished, stays as it is)."""
        with self._session() as session:
            session.execute(update(Delivery).where(Delivery.id == db_text(delivery_id), Delivery.finished_at.is_(None),
                                                   Delivery.started_at.is_not(None)).values(started_at=utcnow()))

    def finish_delivery(self, delivery_id: str) -> None:
        """The job of this delivery ran to the end (reviewed, skipped or superseded); a copy that
        finishes after the sweep parked the delivery takes it off the dead list."""
        with self._session() as session:
            session.execute(update(Delivery).where(Delivery.id == db_text(delivery_id))
                            .values(finished_at=utcnow(), failure=None))

    def fail_delivery(self, delivery_id: str, reason: str) -> None:
        """The job can never succeed (GitHub refused the installation, repository or pull request
        for good): finished, not retried, and listed as dead with `reason`."""
        with self._session() as session:
            session.execute(update(Delivery).where(Delivery.id == db_text(delivery_id))
                            .values(finished_at=utcnow(), failure=db_text(reason)))

    def dead_jobs(self, limit: int = 100) -> list[DeadJob]:
        """Deliveries given up, newest first."""
        with self._sessions() as session:
            rows = session.execute(
                select(Delivery.id, Delivery.event, Delivery.repo, Delivery.number, Delivery.claims,
                       Delivery.failure, Delivery.received_at, Delivery.finished_at)
                .where(Delivery.failure.is_not(None))
                .order_by(Delivery.finished_at.desc(), Delivery.id).limit(limit)).all()
        return [DeadJob(delivery_id=r[0], event=r[1], repo=r[2], number=r[3], claims=int(r[4]),
                        failure=str(r[5]), received_at=r[6], finished_at=r[7]) for r in rows]

    def dead_job_count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Delivery)
                                      .where(Delivery.failure.is_not(None))) or 0)

    def unfinished_jobs(self, older_than: timedelta,
                        waiting: Callable[[], set[str]] | None = None) -> list[tuple[str, str]]:
        """Jobs not finished `older_than` after they were started (a worker died holding them) or
        enqueued (the web process died before the queue took them, or the queue is that slow);
        deliveries `waiting` names (asked only when there are candidates) are still in the queue,
        a backlog, and are left alone.

        Each one returned is re-stamped, so two sweeping workers do not both take it; a job run
        twice is harmless because workers skip deliveries already finished. A claim is counted
        only when a worker had started the job and lost it (died, or gave up after the queue's
        retries), not for a job still waiting for its PR's lease; one already claimed
        `max_claims()` times is not returned but parked as dead (finished, with the reason), so a
        job that can never succeed is not put back every lease forever."""
        cutoff = utcnow() - older_than
        cap = max_claims()
        out: list[tuple[str, str]] = []
        with self._session() as session:
            rows = session.execute(
                select(Delivery.id, Delivery.job, Delivery.claims, Delivery.started_at).where(
                    Delivery.finished_at.is_(None), Delivery.job.is_not(None),
                    ((Delivery.started_at.is_not(None)) & (Delivery.started_at <= cutoff))
                    | ((Delivery.started_at.is_(None)) & (Delivery.enqueued_at <= cutoff)),
                ).limit(1000)
            ).all()
            queued = waiting() if rows and waiting is not None else set()
            for delivery_id, job, claims, started_at in rows:
                if delivery_id in queued:
                    continue
                still_lost = (Delivery.id == delivery_id, Delivery.finished_at.is_(None),
                              func.coalesce(Delivery.started_at, Delivery.enqueued_at) <= cutoff)
                started = started_at is not None
                if started and claims >= cap:
                    log.error("parking %s as dead: claimed %d times and never finished", delivery_id, claims)
                    session.execute(update(Delivery).where(*still_lost, Delivery.started_at.is_not(None)).values(
                        finished_at=utcnow(), failure=f"dead: claimed {claims} times and never finished"))
                    continue
                taken = cast(CursorResult[Any], session.execute(
                    update(Delivery).where(*still_lost)
                    .values(started_at=None, enqueued_at=utcnow(), claims=Delivery.claims + int(started))))
                if taken.rowcount == 1 and job is not None:
                    out.append((delivery_id, job))
        return out

    def try_lock_pr(self, repo: str, number: int, holder: str, lease: timedelta) -> bool:
        """Take the PR's review lease if it is free or its holder's lease ran out."""
        now = utcnow()
        statement = self._upsert(PrLock).values(repo=db_text(repo), number=number, holder=db_text(holder),
                                                expires_at=now + lease)
        taking = statement.on_conflict_do_update(
            index_elements=[PrLock.repo, PrLock.number],
            set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
            where=(PrLock.expires_at < now) | (PrLock.holder == db_text(holder)),
        ).returning(PrLock.holder)
        with self._session() as session:
            return session.execute(taking).scalar() == db_text(holder)

    def unlock_pr(self, repo: str, number: int, holder: str) -> None:
        with self._session() as session:
            session.execute(delete(PrLock).where(PrLock.repo == db_text(repo), PrLock.number == number,
                                                 PrLock.holder == db_text(holder)))

    def note_head(self, repo: str, number: int, head_sha: str) -> None:
        with self._session() as session:
            self._upsert_head(session, repo, number, head_sha)

    def _upsert_head(self, session: Session | Connection, repo: str, number: int, head_sha: str) -> None:
        values = {"repo": db_text(repo), "number": number, "head_sha": db_text(head_sha), "updated_at": utcnow()}
        session.execute(self._head_upsert, values)

    @functools.cached_property
    def _head_upsert(self) -> Any:
        """Built once: the same statement object each time lets SQLAlchemy reuse its compiled form."""
        statement = self._upsert(PrHead)
        return statement.on_conflict_do_update(
            index_elements=[PrHead.repo, PrHead.number],
            set_={"head_sha": statement.excluded.head_sha, "updated_at": statement.excluded.updated_at},
        )

    def latest_head(self, repo: str, number: int) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(PrHead.head_sha).where(PrHead.repo == db_text(repo), PrHead.number == number))

