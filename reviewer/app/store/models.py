"""The tables of the review store, as SQLAlchemy 2.x declarative models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints, so that Alembic's batch mode on SQLite can find them again by name.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
Id = BigInteger().with_variant(Integer(), "sqlite")
# JSONB on PostgreSQL so that dashboards can query inside verdicts; plain JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend; SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # naive means UTC throughout the project
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, str: String()}


class Delivery(Base):
    """One webhook delivery, claimed before it is enqueued so redeliveries are not reviewed twice."""

    __tablename__ = "deliveries"

    id: Mapped[str] = mapped_column(primary_key=True)  # X-GitHub-Delivery
    event: Mapped[str]
    action: Mapped[str | None]
    repo: Mapped[str | None]
    number: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    claims: Mapped[int] = mapped_column(Integer, default=1)
    enqueued_at: Mapped[datetime | None]
    job: Mapped[str | None] = mapped_column(Text)  # the queued job (ids only), to requeue a lost one
    started_at: Mapped[datetime | None]  # a worker took it off the queue
    finished_at: Mapped[datetime | None]
    # What the delivery carries (a comment: its id and body digest): the delivery id is not signed,
    # so a replay under a new id is caught by this instead.
    dedupe_key: Mapped[str | None]
    # Set when the job was given up (finished without a review): GitHub refused it for good, or
    # the requeue sweep claimed it too often. Such a delivery is a dead job an operator can list.
    failure: Mapped[str | None] = mapped_column(Text)
    # The installation the job runs as: command jobs are also counted per installation.
    installation: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (Index(None, "repo", "number"), Index(None, "finished_at", "started_at"),
                      Index(None, "dedupe_key", unique=True), Index(None, "installation", "event", "received_at"))


class PrHead(Base):
    """The newest head commit of each pull request, so a worker can drop superseded jobs."""

    __tablename__ = "pr_heads"

    repo: Mapped[str] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    head_sha: Mapped[str]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Review(Base):
    """One recorded verdict, with the pull request's facts copied in for trend queries."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    repo: Mapped[str]
    number: Mapped[int] = mapped_column(Integer)
    head_sha: Mapped[str | None]
    base_sha: Mapped[str | None]  # the base it was judged against: a retargeted PR is reviewed again
    installation_id: Mapped[int | None] = mapped_column(BigInteger)
    delivery_id: Mapped[str | None]
    trigger: Mapped[str]
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(default="")
    milestone: Mapped[str | None]  # the sprint, when the team plans with milestones
    pr_created_at: Mapped[datetime | None]
    # Days since 1970-01-01 (UTC) of the PR's creation: sprint windows become integer division.
    pr_day: Mapped[int | None] = mapped_column(Integer)
    merged_at: Mapped[datetime | None]
    # Where the PR sits on the sprint calendar: the day of its merge, else of its opening, as its
    # latest review knows it; every review of the PR carries the same day (and milestone), so a PR
    # belongs to exactly one sprint and membership is a WHERE clause.
    sprint_day: Mapped[int | None] = mapped_column(Integer)
    sprint_by_merge: Mapped[bool] = mapped_column(Boolean, default=False)
    latest: Mapped[bool] = mapped_column(Boolean, default=True)  # the PR's newest review
    conclusion: Mapped[str]
    risk: Mapped[int] = mapped_column(Integer)
    # Counts copied from the findings so that sprint tiles never have to scan the findings table.
    findings_count: Mapped[int] = mapped_column(Integer, default=0)
    blocking_count: Mapped[int] = mapped_column(Integer, default=0)  # blocking and not waived
    waived_count: Mapped[int] = mapped_column(Integer, default=0)
    # The ledger's states of this review's promises, so that sprint tiles never scan the ledger.
    promises_kept: Mapped[int] = mapped_column(Integer, default=0)
    promises_missed: Mapped[int] = mapped_column(Integer, default=0)
    promises_unverifiable: Mapped[int] = mapped_column(Integer, default=0)
    agent_risk: Mapped[dict[str, int]] = mapped_column(Json)
    verdict: Mapped[dict[str, Any]] = mapped_column(Json)
    evidence: Mapped[dict[str, Any]] = mapped_column(Json)
    comment: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index(None, "repo", "number", "head_sha"),  # latest_review, review_done
        Index(None, "repo", "created_at"),  # per-repo sprint windows
        Index(None, "created_at"),  # organisation-wide sprint windows
        Index(None, "repo", "milestone"),  # sprints taken from milestones
        Index(None, "merged_at"),  # "merged with open high risk"
        # Cover the sprint queries, so trends read the index and never the wide verdict rows: every
        # review, and each PR once (its latest review).
        Index(None, "repo", "sprint_day", "milestone", "risk", "blocking_count", "waived_count"),
        Index(None, "latest", "repo", "sprint_day", "milestone"),
        Index(None, "sprint_day"),  # the organisation's recent sprints, across repositories
    )


class AgentRisk(Base):
    """One agent's risk score in one review: per-agent trends become a plain GROUP BY."""

    __tablename__ = "agent_risks"

    review_id: Mapped[int] = mapped_column(Id, ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True)
    agent: Mapped[str] = mapped_column(primary_key=True)
    risk: Mapped[int] = mapped_column(Integer)
    repo: Mapped[str]
    created_at: Mapped[datetime]

    __table_args__ = (Index(None, "repo", "created_at"), Index(None, "agent", "created_at"))


class FindingRow(Base):
    """One finding of one review; repo and created_at are copied in for top-rule trends."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    review_id: Mapped[int] = mapped_column(Id, ForeignKey("reviews.id", ondelete="CASCADE"))
    repo: Mapped[str]
    created_at: Mapped[datetime]
    kind: Mapped[str]
    agent: Mapped[str]
    rule: Mapped[str]
    severity: Mapped[str]
    blocking: Mapped[bool] = mapped_column(Boolean)
    subject: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str]
    path: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    waived: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index(None, "review_id"),
        Index(None, "rule", "created_at"),  # one rule's trend
        Index(None, "created_at", "rule"),  # top rules of a window, read from the index alone
        Index(None, "repo", "created_at"),
        Index(None, "fingerprint"),  # de-duplication of inline comments across pushes
    )


class PromiseRow(Base):
    """One promise of one review and whether it held: the sprint ledger's row."""

    __tablename__ = "promises"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    review_id: Mapped[int] = mapped_column(Id, ForeignKey("reviews.id", ondelete="CASCADE"))
    repo: Mapped[str]
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    agent: Mapped[str]
    kind: Mapped[str]
    subject: Mapped[str] = mapped_column(Text)
    locator: Mapped[str] = mapped_column(Text)
    state: Mapped[str]
    finding: Mapped[str | None]

    __table_args__ = (
        Index(None, "review_id"),
        Index(None, "repo", "created_at", "state"),
        Index(None, "created_at", "state"),
    )


class WaiverRow(Base):
    """A waiver a reviewer recorded with `/custody waive`; every one is kept for the audit trail."""

    __tablename__ = "waivers"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    repo: Mapped[str]
    number: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str]
    by: Mapped[str]
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[str]  # as the waiver states it (ISO); created_at is when it was recorded
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index(None, "repo", "number"),)


class PrSettingRow(Base):
    """A setting changed from a PR comment (`/custody set`); every change is kept, the latest wins."""

    __tablename__ = "pr_settings"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    repo: Mapped[str]
    number: Mapped[int] = mapped_column(Integer)
    key: Mapped[str]
    value: Mapped[str]
    by: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index(None, "repo", "number"),)


class PrLock(Base):
    """Who is reviewing a pull request now: reviews of one PR run one at a time, across workers.

    A lease, not a flag: a worker killed while holding it loses it when `expires_at` passes."""

    __tablename__ = "pr_locks"

    repo: Mapped[str] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder: Mapped[str]
    expires_at: Mapped[datetime]


class PrOutputs(Base):
    """What the App wrote on a pull request, remembered so that a re-review neither searches for it
    nor writes it twice: its summary comment (or that one is being created), the fingerprints of the
    inline comments it posted (and those being posted), and the last head it reviewed."""

    __tablename__ = "pr_outputs"

    repo: Mapped[str] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int | None] = mapped_column(BigInteger)
    comment_pending: Mapped[bool] = mapped_column(Boolean, default=False)  # a create was sent, no answer kept
    fingerprints: Mapped[list[str] | None] = mapped_column(JSON)  # None: never recorded, ask GitHub once
    inline_pending: Mapped[list[str] | None] = mapped_column(JSON)
    reviewed_head: Mapped[str | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CheckRunRow(Base):
    """The App's check run on a head commit: one per head. A row without `run_id` is a create that
    was sent and whose answer was never kept; the next attempt looks for the run before creating."""

    __tablename__ = "check_runs"

    repo: Mapped[str] = mapped_column(primary_key=True)
    head_sha: Mapped[str] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SessionRow(Base):
    """A person signed in with GitHub: what they may see, fixed at sign-in, until it expires.

    Only a hash of the cookie's token is kept, so a copy of the database signs nobody in."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    login: Mapped[str]
    repos: Mapped[list[str]] = mapped_column(Json)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    # Set for a session opened with the API token (it sees every repository): a fingerprint of
    # that token, so the session also ends when the deployment changes its token.
    api_token: Mapped[str | None] = mapped_column(String(64))


class ReviewTag(Base):
    """What a review can be filtered by besides its author: the PR's labels (`label:NAME`) and the
    CODEOWNERS owners of its changed files (`owner:@org/team`)."""

    __tablename__ = "review_tags"

    review_id: Mapped[int] = mapped_column(Id, ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(primary_key=True)

    __table_args__ = (Index(None, "tag", "review_id"),)


class RuleDaily(Base):
    """Findings per rule per day of PR creation: any sprint calendar sums days, never scans findings."""

    __tablename__ = "rule_daily"

    repo: Mapped[str] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)  # days since 1970-01-01 of the PR's creation
    milestone: Mapped[str] = mapped_column(primary_key=True)  # "" when the PR has none
    rule: Mapped[str] = mapped_column(primary_key=True)
    kind: Mapped[str]
    agent: Mapped[str]
    findings: Mapped[int] = mapped_column(Integer, default=0)
    blocking: Mapped[int] = mapped_column(Integer, default=0)
    waived: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index(None, "day"),)  # the organisation's recent sprints, across repositories


class AgentDaily(Base):
    """Agent risk per day of PR creation: sum and count give the mean of any sprint."""

    __tablename__ = "agent_daily"

    repo: Mapped[str] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    milestone: Mapped[str] = mapped_column(primary_key=True)
    agent: Mapped[str] = mapped_column(primary_key=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    risk_sum: Mapped[int] = mapped_column(Integer, default=0)
    risk_max: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index(None, "day"),)


class ModelUsage(Base):
    """Language-model tokens spent per installation and month: the monthly ceiling is read here."""

    __tablename__ = "model_usage"

    installation: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    tokens: Mapped[int] = mapped_column(BigInteger, default=0)


class AliasPosition(Base):
    """Where Custody last saw a registry alias (or stage) point: the champion an admission is judged
    against, and the version an enforced revert moves it back to."""

    __tablename__ = "alias_positions"

    model: Mapped[str] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(primary_key=True)  # the alias, or `stage:<name>`
    version: Mapped[str]
    moved_by: Mapped[str]  # "registry" (a person, notebook or job) or "custody" (an enforced revert)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdmissionEvent(Base):
    """One judged move of a production alias or stage in the registry, and what Custody did about it."""

    __tablename__ = "admission_events"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str]
    model: Mapped[str]
    target: Mapped[str]
    version: Mapped[str]
    previous_version: Mapped[str | None]
    repo: Mapped[str | None]  # the repository the version was traced to
    number: Mapped[int | None] = mapped_column(Integer)  # the pull request that shipped it, when found
    commit: Mapped[str | None]
    conclusion: Mapped[str]  # success, neutral, failure
    reverted_to: Mapped[str | None]  # the version the alias was moved back to (promotion.on_violation: revert)
    reported_at: Mapped[str | None] = mapped_column(Text)  # the comment's or issue's URL
    review_id: Mapped[int | None] = mapped_column(Id, ForeignKey("reviews.id", ondelete="SET NULL"))
    moved_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index(None, "model", "created_at"), Index(None, "repo", "created_at"))


class GithubBudget(Base):
    """GitHub's request budget of one installation, shared by every worker of the deployment
    (reviewer/app/github/pacing.py): times are Unix seconds."""

    __tablename__ = "github_budget"

    installation: Mapped[str] = mapped_column(String(64), primary_key=True)  # the pacing key
    paused_until: Mapped[float] = mapped_column(Float, default=0.0)  # Retry-After, or X-RateLimit-Reset
    next_write_at: Mapped[float] = mapped_column(Float, default=0.0)  # the last write's end + the interval
    writer: Mapped[str | None] = mapped_column(String(64))  # who holds the one write slot
    writer_until: Mapped[float] = mapped_column(Float, default=0.0)  # the slot frees itself then
