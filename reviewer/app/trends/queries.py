"""Trend numbers per sprint, read from the reviews table and the daily rollups."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from custody.reviewer.app.store.models import (
    AgentDaily,
    AgentRisk,
    FindingRow,
    PromiseRow,
    Review,
    ReviewTag,
    RuleDaily,
)
from custody.reviewer.app.trends.sprints import SprintCalendar, SprintKey, sprint_of
from sqlalchemy import Engine, case, func, select

TOP_RULES = 5
PROMISE_STATES = ("kept", "missed", "unverifiable")
HIGH_RISK = 50  # a merged PR whose last review stood at this risk or blocked counts as merged with open risk


@dataclass
class SprintTrend:
    name: str
    start: date
    end: date
    reviews: int = 0
    risks: Counter[int] = field(default_factory=Counter)  # risk value -> reviews with it
    agent_sums: dict[str, list[int]] = field(default_factory=dict)  # agent -> [reviews, sum, max]
    blocking: int = 0
    unverified_claims: int = 0
    waivers: int = 0
    merged_with_open_risk: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    pr_count: int = 0
    promises: Counter[str] = field(default_factory=Counter)  # state -> promises, each PR's latest review

    def as_json(self) -> dict[str, Any]:
        total = sum(self.risks.values())
        values = sorted(self.risks)
        p90 = 0
        if total:  # nearest-rank percentile, read off the histogram
            rank, seen = math.ceil(0.9 * total), 0
            for value in values:
                seen += self.risks[value]
                if seen >= rank:
                    p90 = value
                    break
        mean = sum(v * c for v, c in self.risks.items()) / total if total else 0.0
        return {
            "name": self.name,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "reviews": self.reviews,
            "pull_requests": self.pr_count,
            "risk": {"mean": round(mean, 1), "p90": p90, "max": values[-1] if values else 0},
            "agents": {agent: {"mean": round(s / n, 1) if n else 0.0, "max": m}
                       for agent, (n, s, m) in sorted(self.agent_sums.items())},
            "blocking": self.blocking,
            "unverified_claims": self.unverified_claims,
            "waivers": self.waivers,
            "merged_with_open_risk": self.merged_with_open_risk,
            "top_rules": [{"rule": r, "findings": c} for r, c in self.rules.most_common(TOP_RULES)],
            "promises": {state: self.promises[state] for state in PROMISE_STATES},
        }


def _day(value: datetime | None) -> date:
    return (value or datetime.now(UTC)).astimezone(UTC).date()


EPOCH = date(1970, 1, 1)


def _bucket_of(day: Any, calendar: SprintCalendar) -> Any:
    """The sprint window number of an integer day column: integer division, on every database."""
    origin = (calendar.first_day - EPOCH).days
    shift = (origin // calendar.length_days + 1) * calendar.length_days  # keeps the dividend positive
    return (day - origin + shift) // calendar.length_days - shift // calendar.length_days


def _key(milestone: str | None, bucket: int, day: int, calendar: SprintCalendar) -> SprintKey:
    if milestone:
        parsed = EPOCH + timedelta(days=int(day))
        return SprintKey(milestone, parsed, parsed, True)
    start = calendar.first_day + timedelta(days=int(bucket) * calendar.length_days)
    return sprint_of(start, "", calendar)


@dataclass(frozen=True)
class Team:
    """A team, as the organisation knows it: a list of people, a CODEOWNERS owner whose files the
    PRs touch (`@org/team`), or a PR label. Several given: PRs that match all of them."""

    authors: frozenset[str] = frozenset()
    owner: str | None = None
    label: str | None = None

    def conditions(self) -> list[Any]:
        out: list[Any] = []
        if self.authors:
            out.append(Review.author.in_(sorted(self.authors)))
        tags = ([f"owner:{self.owner.lower()}"] if self.owner else []) + ([f"label:{self.label}"] if self.label else [])
        for tag in tags:
            out.append(Review.id.in_(select(ReviewTag.review_id).where(ReviewTag.tag == tag)))
        return out


def sprint_trends(
    engine: Engine, repos: list[str] | None, calendar: SprintCalendar, agent: str | None = None,
    team: Team | None = None,
) -> list[SprintTrend]:
    """Every recorded review counted exactly once, in the sprint of its PR's creation.

    `repos=None` is the organisation view over every repository; `agent` narrows risks and
    rules to one agent; `team` narrows the reviews to one team's pull requests (rules and
    agent scores then come from that team's findings too).
    """
    sprints: dict[str, SprintTrend] = {}

    def slot(key: SprintKey) -> SprintTrend:
        trend = sprints.get(key.name)
        if trend is None:
            trend = sprints[key.name] = SprintTrend(key.name, key.start, key.end)
        elif key.milestone:  # a milestone spans the PRs filed for it
            trend.start, trend.end = min(trend.start, key.start), max(trend.end, key.end)
        return trend

    day = Review.pr_day
    bucket = _bucket_of(day, calendar)
    milestone = func.coalesce(Review.milestone, "")
    scope: list[Any] = []
    if repos is not None:
        scope.append(Review.repo.in_(repos))
    team_scope = team.conditions() if team is not None else []
    scope += team_scope
    risk: Any = Review.risk
    source: Any = Review
    if agent is not None:
        risk = AgentRisk.risk
        source = Review.__table__.join(AgentRisk, (AgentRisk.review_id == Review.id) & (AgentRisk.agent == agent))
    # One row per (sprint, risk value): the risk distribution without fetching every review.
    grouped = (
        select(milestone, bucket, func.min(day), func.max(day), risk, func.count(), func.sum(Review.blocking_count),
               func.sum(Review.waived_count))
        .select_from(source).where(*scope).group_by(milestone, bucket, risk)
    )
    # Each PR once, through its latest review: how many PRs, and how many merged with open risk.
    last = select(func.max(Review.id)).where(*scope).group_by(Review.repo, Review.number).scalar_subquery()
    open_risk = Review.merged_at.is_not(None) & ((Review.blocking_count > 0) | (Review.risk >= HIGH_RISK))
    prs = (select(milestone, bucket, func.min(day), func.count(), func.sum(case((open_risk, 1), else_=0)))
           .where(Review.id.in_(last)).group_by(milestone, bucket))
    # The ledger: each PR's promises as its latest review found them.
    promises = (select(milestone, bucket, func.min(day), PromiseRow.state, func.count())
                .join(Review, Review.id == PromiseRow.review_id).where(Review.id.in_(last))
                .group_by(milestone, bucket, PromiseRow.state))
    if agent is not None:
        promises = promises.where(PromiseRow.agent == agent)
    with engine.connect() as connection:
        for ms, number, first, final, value, count, blocking, waived in connection.execute(grouped):
            trend = slot(_key(ms, number, first, calendar))
            if ms:
                slot(_key(ms, number, final, calendar))
            trend.reviews += int(count)
            trend.risks[int(value or 0)] += int(count)
            trend.blocking += int(blocking or 0)
            trend.waivers += int(waived or 0)
        for ms, number, first, count, risky in connection.execute(prs):
            trend = slot(_key(ms, number, first, calendar))
            trend.pr_count += int(count)
            trend.merged_with_open_risk += int(risky or 0)
        for ms, number, first, state, count in connection.execute(promises):
            slot(_key(ms, number, first, calendar)).promises[str(state)] += int(count)
        if not team_scope:
            _add_rollups(connection, repos, calendar, agent, slot)
        else:
            _add_team_findings(connection, scope, calendar, agent, slot)
    return sorted(sprints.values(), key=lambda t: (t.start, t.name))


def _add_team_findings(connection: Any, scope: list[Any], calendar: SprintCalendar, agent: str | None,
                       slot: Any) -> None:
    """Rules and agent scores for a team come from its own findings (smaller than the rollups)."""
    day = Review.pr_day
    bucket = _bucket_of(day, calendar)
    milestone = func.coalesce(Review.milestone, "")
    rules = (select(milestone, bucket, func.min(day), FindingRow.rule, FindingRow.kind, func.count())
             .join(Review, Review.id == FindingRow.review_id).where(*scope)
             .group_by(milestone, bucket, FindingRow.rule, FindingRow.kind))
    agents = (select(milestone, bucket, func.min(day), AgentRisk.agent, func.count(), func.sum(AgentRisk.risk),
                     func.max(AgentRisk.risk))
              .join(Review, Review.id == AgentRisk.review_id).where(*scope)
              .group_by(milestone, bucket, AgentRisk.agent))
    if agent is not None:
        rules = rules.where(FindingRow.agent == agent)
        agents = agents.where(AgentRisk.agent == agent)
    _add_rule_rows(connection.execute(rules), calendar, slot)
    _add_agent_rows(connection.execute(agents), calendar, slot)


def _add_rule_rows(rows: Any, calendar: SprintCalendar, slot: Any) -> None:
    """Rows of (milestone, bucket, first day, ..., rule, kind, count), from either source."""
    for row in rows:
        ms, number, first, rule, kind, count = row[0], row[1], row[2], row[-3], row[-2], row[-1]
        trend = slot(_key(ms, number, first, calendar))
        trend.rules[rule] += int(count)
        if kind.endswith("unverifiable"):
            trend.unverified_claims += int(count)


def _add_agent_rows(rows: Any, calendar: SprintCalendar, slot: Any) -> None:
    """Rows of (milestone, bucket, first day, agent, reviews, risk sum, risk max)."""
    for ms, number, first, name, reviews, risk_sum, risk_max in rows:
        totals = slot(_key(ms, number, first, calendar)).agent_sums.setdefault(name, [0, 0, 0])
        totals[0] += int(reviews)
        totals[1] += int(risk_sum or 0)
        totals[2] = max(totals[2], int(risk_max or 0))


def _add_rollups(connection: Any, repos: list[str] | None, calendar: SprintCalendar, agent: str | None,
                 slot: Any) -> None:
    """Rules and agent scores from the daily rollups, bucketed into sprints by the database."""
    rule_bucket = _bucket_of(RuleDaily.day, calendar)
    rules = (select(RuleDaily.milestone, rule_bucket, func.min(RuleDaily.day), func.max(RuleDaily.day),
                    RuleDaily.rule, RuleDaily.kind, func.sum(RuleDaily.findings))
             .group_by(RuleDaily.milestone, rule_bucket, RuleDaily.rule, RuleDaily.kind))
    agent_bucket = _bucket_of(AgentDaily.day, calendar)
    agents = (select(AgentDaily.milestone, agent_bucket, func.min(AgentDaily.day), AgentDaily.agent,
                     func.sum(AgentDaily.reviews), func.sum(AgentDaily.risk_sum), func.max(AgentDaily.risk_max))
              .group_by(AgentDaily.milestone, agent_bucket, AgentDaily.agent))
    if repos is not None:
        rules = rules.where(RuleDaily.repo.in_(repos))
        agents = agents.where(AgentDaily.repo.in_(repos))
    if agent is not None:
        rules = rules.where(RuleDaily.agent == agent)
        agents = agents.where(AgentDaily.agent == agent)
    _add_rule_rows(connection.execute(rules), calendar, slot)
    _add_agent_rows(connection.execute(agents), calendar, slot)


def trends_document(engine: Engine, repo: str | None, calendar: SprintCalendar, agent: str | None = None,
                    team: Team | None = None, repos: list[str] | None = None) -> dict[str, Any]:
    """The JSON the API serves: one repository, or the organisation (`repo=None`)."""
    scope = [repo] if repo is not None else repos
    trends = sprint_trends(engine, scope, calendar, agent, team)
    return {"repo": repo, "agent": agent, "sprint_days": calendar.length_days,
            "sprints": [t.as_json() for t in trends]}


def sprint_prs(engine: Engine, repos: list[str] | None, sprint: str, calendar: SprintCalendar) -> list[dict[str, Any]]:
    """The reviews behind one sprint's numbers, newest first, for the sprint detail page."""
    query = select(Review.repo, Review.number, Review.title, Review.author, Review.head_sha, Review.milestone,
                   Review.pr_created_at, Review.created_at, Review.merged_at, Review.risk, Review.conclusion,
                   Review.blocking_count, Review.findings_count).order_by(Review.id.desc())
    if repos is not None:
        query = query.where(Review.repo.in_(repos))
    out: list[dict[str, Any]] = []
    with engine.connect() as connection:
        for row in connection.execute(query):
            key = sprint_of(_day(row.pr_created_at or row.created_at), row.milestone or "", calendar)
            if key.name != sprint:
                continue
            out.append({"repo": row.repo, "number": row.number, "title": row.title, "author": row.author,
                        "head_sha": row.head_sha, "risk": row.risk, "conclusion": row.conclusion,
                        "blocking": row.blocking_count, "findings": row.findings_count,
                        "merged": row.merged_at is not None,
                        "url": f"https://github.com/{row.repo}/pull/{row.number}"})
    return out



def with_changes(sprints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each sprint with its change against the previous one: mean risk, blocking findings, missed promises."""
    out: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for sprint in sprints:
        change = None
        if previous is not None:
            change = {"risk_mean": round(sprint["risk"]["mean"] - previous["risk"]["mean"], 1),
                      "blocking": sprint["blocking"] - previous["blocking"],
                      "missed": sprint["promises"]["missed"] - previous["promises"]["missed"]}
        out.append({**sprint, "change": change})
        previous = sprint
    return out


@dataclass
class _RepoSprint:
    start: date
    reviews: int = 0
    risk_sum: int = 0
    blocking: int = 0

    @property
    def mean(self) -> float:
        return round(self.risk_sum / self.reviews, 1) if self.reviews else 0.0


def repositories_by_risk(engine: Engine, repos: list[str] | None, calendar: SprintCalendar) -> list[dict[str, Any]]:
    """Repositories ranked by the mean risk of their latest sprint, with the change from the sprint
    before: one grouped query over every repository."""
    day = Review.pr_day
    bucket = _bucket_of(day, calendar)
    milestone = func.coalesce(Review.milestone, "")
    query = (select(Review.repo, milestone, bucket, func.min(day), func.count(), func.sum(Review.risk),
                    func.sum(Review.blocking_count))
             .group_by(Review.repo, milestone, bucket))
    if repos is not None:
        query = query.where(Review.repo.in_(repos))
    per_repo: dict[str, dict[str, _RepoSprint]] = {}
    with engine.connect() as connection:
        for repo, ms, number, first, count, risk_sum, blocking in connection.execute(query):
            key = _key(ms, number, first, calendar)
            totals = per_repo.setdefault(repo, {}).setdefault(key.name, _RepoSprint(key.start))
            totals.start = min(totals.start, key.start)
            totals.reviews += int(count)
            totals.risk_sum += int(risk_sum or 0)
            totals.blocking += int(blocking or 0)
    ranked: list[dict[str, Any]] = []
    for repo, sprints in per_repo.items():
        ordered = sorted(sprints.items(), key=lambda item: (item[1].start, item[0]))
        name, last = ordered[-1]
        before = ordered[-2][1].mean if len(ordered) > 1 else None
        trend = round(last.mean - before, 1) if before is not None else None
        ranked.append({"repo": repo, "sprint": name, "risk": last.mean, "reviews": last.reviews,
                       "blocking": last.blocking, "trend": trend})
    return sorted(ranked, key=lambda r: (-r["risk"], r["repo"]))
