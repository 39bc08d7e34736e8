"""Recorded reviews: the verdict, its findings and tags, and the daily rollups the trends read."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from custody.reviewer.app.store.models import (
    AgentDaily,
    AgentRisk,
    FindingRow,
    PromiseRow,
    Review,
    ReviewTag,
    RuleDaily,
    utcnow,
)
from pydantic import BaseModel, ConfigDict
from sqlalchemy import case, delete, func, insert, literal, select, update
from sqlalchemy.orm import Session, defer

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    from custody.reviewer.review import ReviewOutcome
from custody.reviewer.app.store.at_rest import stored_evidence
from custody.reviewer.app.store.database import Database, db_json, db_text, optional_db_text

EPOCH = date(1970, 1, 1)
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
    sprint_day: int | None = None  # the day that places the PR on the sprint calendar
    sprint_by_merge: bool = False  # ...and whether that day is its merge (else its opening)
    trigger: str
    installation_id: int | None
    delivery_id: str | None
    created_at: datetime



def review_tags(labels: list[str], owners: list[str]) -> list[str]:
    """The tags a review is filtered by: `label:NAME` for each PR label, `owner:WHO` for each CODEOWNER."""
    tags = {f"label:{db_text(label)[:200]}" for label in labels} | {f"owner:{db_text(o).lower()[:200]}" for o in owners}
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
        sprint_day=row.sprint_day,
        sprint_by_merge=bool(row.sprint_by_merge),
        trigger=row.trigger,
        installation_id=row.installation_id,
        delivery_id=row.delivery_id,
        created_at=row.created_at,
    )



class Reviews(Database):
    """Reviews as recorded, and the rollups written with them."""

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
        repo = db_text(verdict.repo or pr.repo)
        number = verdict.number if verdict.number is not None else pr.number
        now = utcnow()
        milestone = optional_db_text(pr.milestone)
        # A PR sits in one sprint: by its merge day, else its opening day, as its newest review knows.
        sprint_day = day_number(pr.merged_at or pr.created_at or now)
        states = Counter(p.state for p in verdict.promises)
        review = Review(
            repo=repo,
            number=number,
            head_sha=optional_db_text(verdict.head_sha or pr.head_sha),
            base_sha=optional_db_text(pr.base_sha),
            installation_id=installation_id,
            delivery_id=optional_db_text(delivery_id),
            trigger=db_text(trigger),
            title=db_text(pr.title),
            author=db_text(pr.author),
            milestone=milestone,
            pr_created_at=pr.created_at,
            pr_day=day_number(pr.created_at or now),
            merged_at=pr.merged_at,
            sprint_day=sprint_day,
            sprint_by_merge=pr.merged_at is not None,
            latest=trigger != "admission",  # a judged registry move sits beside the PR's reviews, not over them
            promises_kept=states["kept"],
            promises_missed=states["missed"],
            promises_unverifiable=states["unverifiable"],
            conclusion=verdict.conclusion,
            risk=verdict.risk.overall,
            findings_count=len(findings),
            blocking_count=sum(1 for f in findings if f.stands),
            waived_count=sum(1 for f in findings if f.waiver is not None),
            agent_risk=dict(verdict.risk.agents),
            verdict=db_json(verdict.model_dump_json(by_alias=True)),
            evidence=stored_evidence(outcome.evidence),
            comment=db_text(outcome.comment),
            created_at=now,
        )
        this_pr = (Review.repo == repo) & (Review.number == number)
        with self._session() as session:
            before = session.execute(select(Review.sprint_day, Review.milestone).where(this_pr, Review.latest)
                                     .order_by(Review.id.desc()).limit(1)).first()
            if trigger != "admission":
                session.execute(update(Review).where(this_pr, Review.latest).values(latest=False))
            session.add(review)
            session.flush()  # assigns review.id for the child rows
            rows: list[dict[str, Any]] = [
                {
                    "review_id": review.id,
                    "repo": repo,
                    "created_at": now,
                    "kind": db_text(f.kind),
                    "agent": db_text(f.agent),
                    "rule": db_text(f.rule),
                    "severity": f.severity,
                    "blocking": f.blocking,
                    "subject": db_text(f.subject),
                    "message": db_text(f.message),
                    "fingerprint": f.fingerprint,
                    "path": optional_db_text(f.path),
                    "line": f.line,
                    "waived": f.waiver is not None,
                }
                for f in findings
            ]
            if rows:  # executemany: one round trip for all of them
                session.execute(insert(FindingRow), rows)
            risks = [
                {"review_id": review.id, "agent": db_text(agent), "risk": risk, "repo": repo, "created_at": now}
                for agent, risk in verdict.risk.agents.items()
            ]
            if risks:
                session.execute(insert(AgentRisk), risks)
            promises = [
                {"review_id": review.id, "repo": repo, "number": review.number, "created_at": now,
                 "agent": db_text(p.agent), "kind": p.kind, "subject": db_text(p.subject),
                 "locator": db_text(p.locator), "state": p.state, "finding": p.finding}
                for p in verdict.promises
            ]
            if promises:
                session.execute(insert(PromiseRow), promises)
            tags = review_tags(pr.labels, outcome.evidence.code_owners)
            if tags:
                session.execute(insert(ReviewTag), [{"review_id": review.id, "tag": tag} for tag in tags])
            placed = (sprint_day, milestone or "")
            if before is None or (before.sprint_day, before.milestone or "") == placed:
                self._roll_up(session, repo, sprint_day, milestone, verdict)
            else:  # the PR merged, or changed milestone: its earlier reviews move with it
                session.execute(update(Review).where(this_pr, Review.id != review.id).values(
                    sprint_day=sprint_day, sprint_by_merge=pr.merged_at is not None, milestone=milestone))
                for day, key in {(before.sprint_day, before.milestone or ""), placed}:
                    self._roll_up_again(session, repo, day, key)
            return int(review.id)

    def _roll_up_again(self, session: Session, repo: str, day: int, milestone: str) -> None:
        """Recount one (repository, day, milestone) of the rollups from the findings and agent risks
        of the reviews placed there: a PR that moved takes its counts along, maxima included."""
        session.execute(delete(RuleDaily).where(RuleDaily.repo == repo, RuleDaily.day == day,
                                                RuleDaily.milestone == milestone))
        session.execute(delete(AgentDaily).where(AgentDaily.repo == repo, AgentDaily.day == day,
                                                 AgentDaily.milestone == milestone))
        placed = (Review.repo == repo) & (Review.sprint_day == day) & (func.coalesce(Review.milestone, "") == milestone)
        rules = (select(Review.repo, Review.sprint_day, literal(milestone), FindingRow.rule, func.max(FindingRow.kind),
                        func.max(FindingRow.agent), func.count(),
                        func.sum(case((FindingRow.blocking & ~FindingRow.waived, 1), else_=0)),
                        func.sum(case((FindingRow.waived, 1), else_=0)))
                 .join(Review, Review.id == FindingRow.review_id).where(placed)
                 .group_by(Review.repo, Review.sprint_day, FindingRow.rule))
        session.execute(insert(RuleDaily).from_select(
            ["repo", "day", "milestone", "rule", "kind", "agent", "findings", "blocking", "waived"], rules))
        agents = (select(Review.repo, Review.sprint_day, literal(milestone), AgentRisk.agent, func.count(),
                         func.sum(AgentRisk.risk), func.max(AgentRisk.risk))
                  .join(Review, Review.id == AgentRisk.review_id).where(placed)
                  .group_by(Review.repo, Review.sprint_day, AgentRisk.agent))
        session.execute(insert(AgentDaily).from_select(
            ["repo", "day", "milestone", "agent", "reviews", "risk_sum", "risk_max"], agents))

    def _roll_up(self, session: Session, repo: str, day: int, milestone: str | None, verdict: Any) -> None:
        """Add this review to the daily rollups that sprint trends read (upserts, one per key)."""
        sprint_milestone = db_text(milestone or "")
        per_rule: dict[str, dict[str, Any]] = {}
        for f in verdict.findings:
            row = per_rule.setdefault(f.rule, {"repo": repo, "day": day, "milestone": sprint_milestone,
                                                "rule": db_text(f.rule), "kind": db_text(f.kind),
                                                "agent": db_text(f.agent),
                                                "findings": 0, "blocking": 0, "waived": 0})
            row["findings"] += 1
            row["blocking"] += 1 if f.stands else 0
            row["waived"] += 1 if f.waiver is not None else 0
        agents = [{"repo": repo, "day": day, "milestone": sprint_milestone, "agent": db_text(agent), "reviews": 1,
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
            query = query.where(Review.repo == db_text(repo))
        if limit is not None:
            query = query.limit(max(limit, 0))
        query = query.options(*_SUMMARY)
        with self._sessions() as session:
            return [_record(row) for row in session.scalars(query)]

    def latest_review(self, repo: str, number: int) -> ReviewRecord | None:
        query = (
            select(Review)
            .where(Review.repo == db_text(repo), Review.number == number)
            .order_by(Review.created_at.desc(), Review.id.desc())
            .limit(1)
            .options(*_SUMMARY)
        )
        with self._sessions() as session:
            row = session.scalar(query)
            return _record(row) if row is not None else None

    def latest_verdict(self, repo: str, number: int) -> tuple[ReviewRecord, dict[str, Any]] | None:
        """The newest review of a PR with its whole verdict (findings, citations, promises, waivers)."""
        query = (
            select(Review)
            .where(Review.repo == db_text(repo), Review.number == number)
            .order_by(Review.created_at.desc(), Review.id.desc())
            .limit(1)
            .options(defer(Review.evidence), defer(Review.comment))
        )
        with self._sessions() as session:
            row = session.scalar(query)
            if row is None:
                return None
            verdict = row.verdict if isinstance(row.verdict, dict) else {}
            return _record(row), verdict

    def review_done(self, repo: str, number: int, head_sha: str, base_sha: str) -> bool:
        """A review of exactly this head against exactly this base is recorded. An unknown base
        (empty) is never done: the rules that judge a PR come from its base."""
        if not head_sha or not base_sha:
            return False
        query = (
            select(Review.id)
            .where(Review.repo == db_text(repo), Review.number == number, Review.head_sha == db_text(head_sha),
                   Review.base_sha == db_text(base_sha))
            .limit(1)
        )
        with self._sessions() as session:
            return session.scalar(query) is not None

    def latest_audit(self, repo: str, number: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The evidence and verdict documents of the PR's latest review, as recorded."""
        query = (select(Review.evidence, Review.verdict)
                 .where(Review.repo == db_text(repo), Review.number == number)
                 .order_by(Review.created_at.desc(), Review.id.desc()).limit(1))
        with self._sessions() as session:
            row = session.execute(query).first()
            return (row[0], row[1]) if row is not None else None

