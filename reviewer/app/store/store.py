"""The review store: delivery dedupe, PR heads, recorded reviews and waivers on SQLite or PostgreSQL."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from alembic import command
from alembic.config import Config
from custody.reviewer.app.github.pr_settings import PrSetting
from custody.reviewer.app.store.models import (
    AgentDaily,
    AgentRisk,
    Delivery,
    FindingRow,
    ModelUsage,
    PrHead,
    PrLock,
    PrSettingRow,
    Review,
    ReviewTag,
    RuleDaily,
    SessionRow,
    WaiverRow,
    utcnow,
)
from custody.reviewer.model.findings import Waiver
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, CursorResult, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    from custody.reviewer.review import ReviewOutcome

EPOCH = date(1970, 1, 1)
SQLITE_BUSY_MS = 30_000
SESSION_TTL = timedelta(hours=8)
_DELIVERY_INSERT = insert(Delivery)  # one statement object: its compiled form is reused
MIGRATION_LOCK = 0x637573746F6479  # pg_advisory_xact_lock key: "custody"
# PostgreSQL text and JSONB reject NUL; a diff or a card may still carry one.
_NUL = "\x00"
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")
# Lists and dashboards read summaries; the (large) documents stay on the server until asked for.
_SUMMARY = (defer(Review.verdict), defer(Review.evidence), defer(Review.comment))


class ReviewRecord(BaseModel):
    """A recorded review without its evidence: what lists and dashboards show."""

    model_config = ConfigDict(frozen=True)

    id: int
    repo: str
    number: int
    head_sha: str | None
    conclusion: str
    risk: int
    agent_risk: dict[str, int]
    findings: int
    blocking: int
    waived: int
    title: str
    author: str
    milestone: str | None
    pr_created_at: datetime | None
    merged_at: datetime | None
    trigger: str
    installation_id: int | None
    delivery_id: str | None
    created_at: datetime


def _text(value: str) -> str:
    return value.replace(_NUL, "\ufffd")


def _optional_text(value: str | None) -> str | None:
    return None if value is None else _text(value)


def _json(dumped: str) -> Any:
    # Replace the escaped NUL (`\u0000`) but not an escaped backslash followed by "u0000".
    return json.loads(_JSON_NUL.sub(lambda m: m.group(1) + r"\ufffd", dumped))


def engine_url(url: str) -> URL:
    """The SQLAlchemy URL to connect with: bare PostgreSQL URLs go through psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        # Said without the URL itself, which may carry a password.
        raise ValueError("the database URL is not a SQLAlchemy URL (sqlite:///path or postgresql://...)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_engine(url: URL) -> Engine:
    memory = url.database in (None, "", ":memory:")
    if not memory:
        Path(str(url.database)).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
        # One shared connection keeps an in-memory database alive across sessions.
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets the web process read while the worker writes; the busy timeout makes writers
        # queue behind each other instead of failing with "database is locked".
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Trend queries group 100k-row index scans: keep their sort trees and pages in memory.
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.close()

    return engine


def make_engine(url: str) -> Engine:
    parsed = engine_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    # Replicas hold connections across idle spells; pre-ping drops the ones the server closed.
    return create_engine(parsed, pool_pre_ping=True)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def review_tags(labels: list[str], owners: list[str]) -> list[str]:
    """The tags a review is filtered by: `label:NAME` for each PR label, `owner:WHO` for each CODEOWNER."""
    tags = {f"label:{_text(label)[:200]}" for label in labels} | {f"owner:{_text(o).lower()[:200]}" for o in owners}
    return sorted(tags)


def day_number(moment: datetime) -> int:
    """Days since 1970-01-01 of a moment's UTC date."""
    return (moment.astimezone(UTC).date() - EPOCH).days


def _record(row: Review) -> ReviewRecord:
    return ReviewRecord(
        id=row.id,
        repo=row.repo,
        number=row.number,
        head_sha=row.head_sha,
        conclusion=row.conclusion,
        risk=row.risk,
        agent_risk=dict(row.agent_risk or {}),
        findings=row.findings_count,
        blocking=row.blocking_count,
        waived=row.waived_count,
        title=row.title,
        author=row.author,
        milestone=row.milestone,
        pr_created_at=row.pr_created_at,
        merged_at=row.merged_at,
        trigger=row.trigger,
        installation_id=row.installation_id,
        delivery_id=row.delivery_id,
        created_at=row.created_at,
    )


class Store:
    """Every write is one short transaction that starts by writing, so SQLite never has to
    upgrade a read lock (which fails at once under WAL instead of waiting for the busy timeout)."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # INSERT … ON CONFLICT is dialect-specific in SQLAlchemy: every upsert below builds on this one.
        self._upsert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert

    # -- schema -----------------------------------------------------------------------------

    def _alembic(self) -> Config:
        config = Config()
        # Resolved from the installed package, so migrations ship inside the wheel.
        config.set_main_option("script_location", str(resources.files("custody.reviewer.app.store") / "migrations"))
        return config

    @contextmanager
    def _migrating(self) -> Iterator[Config]:
        """One migrating process at a time: web and worker both upgrade at start."""
        config = self._alembic()
        with self.engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                # pysqlite runs DDL outside any transaction; take the write lock first, so that a
                # second process waits (busy timeout), then finds the schema at head.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            elif connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            yield config

    def upgrade(self) -> None:
        with self._migrating() as config:
            command.upgrade(config, "head")

    def downgrade(self, revision: str = "base") -> None:
        with self._migrating() as config:
            command.downgrade(config, revision)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # -- webhook deliveries -------------------------------------------------------------------

    def accept_delivery(self, delivery_id: str, event: str, action: str | None, repo: str, number: int,
                        head_sha: str | None, job: str) -> bool:
        """The webhook's one write: note the PR's newest head and record the delivery with its job,
        as enqueued. False for a redelivery. If the process dies before the job reaches the queue,
        the requeue sweep finds it (enqueued, never started) after the lease.

        Core statements on a bare connection, not the ORM: this runs once per delivery, under the
        web process's write lock, and the session's bookkeeping was half its cost."""
        now = utcnow()
        try:
            with self.engine.begin() as connection:
                if head_sha is not None:
                    self._upsert_head(connection, repo, number, head_sha)
                connection.execute(_DELIVERY_INSERT, {
                    "id": _text(delivery_id), "event": _text(event), "action": _optional_text(action),
                    "repo": _optional_text(repo), "number": number, "job": job, "enqueued_at": now,
                    "received_at": now, "claimed_at": now, "claims": 1})
            return True
        except IntegrityError:
            return False

    # -- language-model budget (the Ledger protocol of custody.reviewer.llm.budget) ---------------

    def used(self, installation: int, month: str) -> int:
        with self._session() as session:
            tokens = session.scalar(select(ModelUsage.tokens).where(ModelUsage.installation == installation,
                                                                    ModelUsage.month == month))
            return int(tokens or 0)

    def add(self, installation: int, month: str, tokens: int) -> None:
        statement = self._upsert(ModelUsage).values(installation=installation, month=month, tokens=tokens)
        statement = statement.on_conflict_do_update(index_elements=[ModelUsage.installation, ModelUsage.month],
                                                    set_={"tokens": ModelUsage.tokens + tokens})
        with self._session() as session:
            session.execute(statement)

    def delivery_finished(self, delivery_id: str) -> bool:
        with self._session() as session:
            return session.scalar(select(Delivery.finished_at).where(Delivery.id == _text(delivery_id))) is not None

    def start_delivery(self, delivery_id: str) -> None:
        """A worker took the job off the queue and begins it; if it dies now, the job is lost."""
        with self._session() as session:
            session.execute(update(Delivery).where(Delivery.id == _text(delivery_id)).values(started_at=utcnow()))

    def finish_delivery(self, delivery_id: str) -> None:
        """The job of this delivery ran to the end (reviewed, skipped or superseded)."""
        with self._session() as session:
            session.execute(update(Delivery).where(Delivery.id == _text(delivery_id)).values(finished_at=utcnow()))

    def unfinished_jobs(self, older_than: timedelta) -> list[tuple[str, str]]:
        """Jobs not finished `older_than` after they were started (a worker died holding them) or
        enqueued (the web process died before the queue took them, or the queue is that slow).

        Each one returned is re-stamped, so two sweeping workers do not both take it; a job run
        twice is harmless because workers skip deliveries already finished."""
        cutoff = utcnow() - older_than
        out: list[tuple[str, str]] = []
        with self._session() as session:
            rows = session.execute(
                select(Delivery.id, Delivery.job).where(
                    Delivery.finished_at.is_(None), Delivery.job.is_not(None),
                    ((Delivery.started_at.is_not(None)) & (Delivery.started_at <= cutoff))
                    | ((Delivery.started_at.is_(None)) & (Delivery.enqueued_at <= cutoff)),
                ).limit(1000)
            ).all()
            for delivery_id, job in rows:
                taken = cast(CursorResult[Any], session.execute(
                    update(Delivery).where(Delivery.id == delivery_id, Delivery.finished_at.is_(None),
                                           func.coalesce(Delivery.started_at, Delivery.enqueued_at) <= cutoff)
                    .values(started_at=None, enqueued_at=utcnow(), claims=Delivery.claims + 1)))
                if taken.rowcount == 1 and job is not None:
                    out.append((delivery_id, job))
        return out

    # -- one review of a pull request at a time ----------------------------------------------------

    def try_lock_pr(self, repo: str, number: int, holder: str, lease: timedelta) -> bool:
        """Take the PR's review lease if it is free or its holder's lease ran out."""
        now = utcnow()
        statement = self._upsert(PrLock).values(repo=_text(repo), number=number, holder=_text(holder),
                                                expires_at=now + lease)
        taking = statement.on_conflict_do_update(
            index_elements=[PrLock.repo, PrLock.number],
            set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
            where=(PrLock.expires_at < now) | (PrLock.holder == _text(holder)),
        ).returning(PrLock.holder)
        with self._session() as session:
            return session.execute(taking).scalar() == _text(holder)

    def unlock_pr(self, repo: str, number: int, holder: str) -> None:
        with self._session() as session:
            session.execute(delete(PrLock).where(PrLock.repo == _text(repo), PrLock.number == number,
                                                 PrLock.holder == _text(holder)))

    # -- pull request heads -------------------------------------------------------------------

    def note_head(self, repo: str, number: int, head_sha: str) -> None:
        with self._session() as session:
            self._upsert_head(session, repo, number, head_sha)

    def _upsert_head(self, session: Session | Connection, repo: str, number: int, head_sha: str) -> None:
        values = {"repo": _text(repo), "number": number, "head_sha": _text(head_sha), "updated_at": utcnow()}
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
            return session.scalar(select(PrHead.head_sha).where(PrHead.repo == _text(repo), PrHead.number == number))

    # -- reviews ------------------------------------------------------------------------------

    def save_review(
        self,
        outcome: ReviewOutcome,
        *,
        installation_id: int | None = None,
        delivery_id: str | None = None,
        trigger: str = "manual",
    ) -> int:
        pr = outcome.evidence.pull_request
        verdict = outcome.verdict
        findings = verdict.findings
        repo = _text(verdict.repo or pr.repo)
        now = utcnow()
        review = Review(
            repo=repo,
            number=verdict.number if verdict.number is not None else pr.number,
            head_sha=_optional_text(verdict.head_sha or pr.head_sha),
            installation_id=installation_id,
            delivery_id=_optional_text(delivery_id),
            trigger=_text(trigger),
            title=_text(pr.title),
            author=_text(pr.author),
            milestone=_optional_text(pr.milestone),
            pr_created_at=pr.created_at,
            pr_day=day_number(pr.created_at or now),
            merged_at=pr.merged_at,
            conclusion=verdict.conclusion,
            risk=verdict.risk.overall,
            findings_count=len(findings),
            blocking_count=sum(1 for f in findings if f.stands),
            waived_count=sum(1 for f in findings if f.waiver is not None),
            agent_risk=dict(verdict.risk.agents),
            verdict=_json(verdict.model_dump_json(by_alias=True)),
            evidence=_json(outcome.evidence.model_dump_json(by_alias=True)),
            comment=_text(outcome.comment),
            created_at=now,
        )
        with self._session() as session:
            session.add(review)
            session.flush()  # assigns review.id for the child rows
            rows: list[dict[str, Any]] = [
                {
                    "review_id": review.id,
                    "repo": repo,
                    "created_at": now,
                    "kind": _text(f.kind),
                    "agent": _text(f.agent),
                    "rule": _text(f.rule),
                    "severity": f.severity,
                    "blocking": f.blocking,
                    "subject": _text(f.subject),
                    "message": _text(f.message),
                    "fingerprint": f.fingerprint,
                    "path": _optional_text(f.path),
                    "line": f.line,
                    "waived": f.waiver is not None,
                }
                for f in findings
            ]
            if rows:  # executemany: one round trip for all of them
                session.execute(insert(FindingRow), rows)
            risks = [
                {"review_id": review.id, "agent": _text(agent), "risk": risk, "repo": repo, "created_at": now}
                for agent, risk in verdict.risk.agents.items()
            ]
            if risks:
                session.execute(insert(AgentRisk), risks)
            tags = review_tags(pr.labels, outcome.evidence.code_owners)
            if tags:
                session.execute(insert(ReviewTag), [{"review_id": review.id, "tag": tag} for tag in tags])
            self._roll_up(session, repo, pr.created_at or now, pr.milestone, verdict)
            return int(review.id)

    def _roll_up(self, session: Session, repo: str, created: datetime, milestone: str | None, verdict: Any) -> None:
        """Add this review to the daily rollups that sprint trends read (upserts, one per key)."""
        day = day_number(created)
        sprint_milestone = _text(milestone or "")
        per_rule: dict[str, dict[str, Any]] = {}
        for f in verdict.findings:
            row = per_rule.setdefault(f.rule, {"repo": repo, "day": day, "milestone": sprint_milestone,
                                                "rule": _text(f.rule), "kind": _text(f.kind), "agent": _text(f.agent),
                                                "findings": 0, "blocking": 0, "waived": 0})
            row["findings"] += 1
            row["blocking"] += 1 if f.stands else 0
            row["waived"] += 1 if f.waiver is not None else 0
        agents = [{"repo": repo, "day": day, "milestone": sprint_milestone, "agent": _text(agent), "reviews": 1,
                   "risk_sum": risk, "risk_max": risk} for agent, risk in verdict.risk.agents.items()]
        for row in per_rule.values():
            statement = self._upsert(RuleDaily).values(**row)
            session.execute(statement.on_conflict_do_update(
                index_elements=["repo", "day", "milestone", "rule"],
                set_={"findings": RuleDaily.findings + row["findings"],
                      "blocking": RuleDaily.blocking + row["blocking"],
                      "waived": RuleDaily.waived + row["waived"]},
            ))
        for row in agents:
            statement = self._upsert(AgentDaily).values(**row)
            session.execute(statement.on_conflict_do_update(
                index_elements=["repo", "day", "milestone", "agent"],
                set_={"reviews": AgentDaily.reviews + 1, "risk_sum": AgentDaily.risk_sum + row["risk_sum"],
                      "risk_max": func.max(AgentDaily.risk_max, row["risk_max"])
                      if session.get_bind().dialect.name == "sqlite"
                      else func.greatest(AgentDaily.risk_max, row["risk_max"])},
            ))

    def reviews(self, repo: str | None = None, *, limit: int | None = None) -> list[ReviewRecord]:
        query = select(Review).order_by(Review.created_at.desc(), Review.id.desc())
        if repo is not None:
            query = query.where(Review.repo == _text(repo))
        if limit is not None:
            query = query.limit(max(limit, 0))
        query = query.options(*_SUMMARY)
        with self._sessions() as session:
            return [_record(row) for row in session.scalars(query)]

    def latest_review(self, repo: str, number: int) -> ReviewRecord | None:
        query = (
            select(Review)
            .where(Review.repo == _text(repo), Review.number == number)
            .order_by(Review.created_at.desc(), Review.id.desc())
            .limit(1)
            .options(*_SUMMARY)
        )
        with self._sessions() as session:
            row = session.scalar(query)
            return _record(row) if row is not None else None

    def review_done(self, repo: str, number: int, head_sha: str) -> bool:
        query = (
            select(Review.id)
            .where(Review.repo == _text(repo), Review.number == number, Review.head_sha == _text(head_sha))
            .limit(1)
        )
        with self._sessions() as session:
            return session.scalar(query) is not None

    # -- waivers ------------------------------------------------------------------------------

    def add_waiver(self, repo: str, number: int, waiver: Waiver) -> None:
        with self._session() as session:
            session.add(
                WaiverRow(
                    repo=_text(repo),
                    number=number,
                    rule=_text(waiver.rule),
                    by=_text(waiver.by),
                    reason=_text(waiver.reason),
                    at=_text(waiver.at),
                )
            )

    def waivers(self, repo: str, number: int) -> list[Waiver]:
        """Oldest first, so that a later waiver of the same rule wins where they are keyed by rule."""
        query = (
            select(WaiverRow).where(WaiverRow.repo == _text(repo), WaiverRow.number == number).order_by(WaiverRow.id)
        )
        with self._sessions() as session:
            return [Waiver(rule=w.rule, by=w.by, reason=w.reason, at=w.at) for w in session.scalars(query)]

    # -- settings changed from PR comments ---------------------------------------------------------

    def add_pr_setting(self, repo: str, number: int, setting: PrSetting) -> None:
        with self._session() as session:
            session.add(PrSettingRow(repo=_text(repo), number=number, key=_text(setting.key),
                                     value=_text(setting.value), by=_text(setting.by)))

    def pr_settings(self, repo: str, number: int) -> list[PrSetting]:
        """Oldest first: folding them in order leaves the latest value of each key."""
        query = (select(PrSettingRow).where(PrSettingRow.repo == _text(repo), PrSettingRow.number == number)
                 .order_by(PrSettingRow.id))
        with self._sessions() as session:
            return [PrSetting(key=r.key, value=r.value, by=r.by) for r in session.scalars(query)]

    def latest_audit(self, repo: str, number: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The evidence and verdict documents of the PR's latest review, as recorded."""
        query = (select(Review.evidence, Review.verdict)
                 .where(Review.repo == _text(repo), Review.number == number)
                 .order_by(Review.created_at.desc(), Review.id.desc()).limit(1))
        with self._sessions() as session:
            row = session.execute(query).first()
            return (row[0], row[1]) if row is not None else None

    # -- people signed in with GitHub -------------------------------------------------------------

    def open_session(self, login: str, repos: list[str], ttl: timedelta = SESSION_TTL) -> str:
        """A new session; the returned token goes into the cookie, only its hash into the database."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self._session() as session:
            session.execute(delete(SessionRow).where(SessionRow.expires_at < now))  # the sweep rides along
            session.add(SessionRow(token_hash=_token_hash(token), login=_text(login),
                                   repos=sorted({_text(r) for r in repos}), created_at=now, expires_at=now + ttl))
        return token

    def session_of(self, token: str) -> tuple[str, list[str]] | None:
        """The signed-in login and the repositories it may read, while the session lasts."""
        if not token or len(token) > 200:
            return None
        query = select(SessionRow.login, SessionRow.repos).where(
            SessionRow.token_hash == _token_hash(token), SessionRow.expires_at > utcnow())
        with self._sessions() as session:
            row = session.execute(query).first()
            return (row[0], list(row[1])) if row is not None else None

    def close_session(self, token: str) -> None:
        with self._session() as session:
            session.execute(delete(SessionRow).where(SessionRow.token_hash == _token_hash(token)))

    def close(self) -> None:
        self.engine.dispose()
