"""Trend numbers per sprint, read from the reviews table and the daily rollups."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from custody.reviewer.store.models import AgentDaily, Review, RuleDaily
from custody.reviewer.trends.sprints import SprintCalendar, SprintKey, sprint_of
from sqlalchemy import Engine, func, select

TOP_RULES = 5
HIGH_RISK = 50  # a merged PR whose last review stood at this risk or blocked counts as merged with open risk


@dataclass
class SprintTrend:
    name: str
    start: date
    end: date
    reviews: int = 0
    risks: list[int] = field(default_factory=list)
    agent_sums: dict[str, list[int]] = field(default_factory=dict)  # agent -> [reviews, sum, max]
    blocking: int = 0
    unverified_claims: int = 0
    waivers: int = 0
    merged_with_open_risk: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    prs: set[tuple[str, int]] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        ordered = sorted(self.risks)
        p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)] if ordered else 0
        return {
            "name": self.name,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "reviews": self.reviews,
            "pull_requests": len(self.prs),
            "risk": {"mean": round(sum(ordered) / len(ordered), 1) if ordered else 0.0, "p90": p90,
                     "max": ordered[-1] if ordered else 0},
            "agents": {agent: {"mean": round(s / n, 1) if n else 0.0, "max": m}
                       for agent, (n, s, m) in sorted(self.agent_sums.items())},
            "blocking": self.blocking,
            "unverified_claims": self.unverified_claims,
            "waivers": self.waivers,
            "merged_with_open_risk": self.merged_with_open_risk,
            "top_rules": [{"rule": r, "findings": c} for r, c in self.rules.most_common(TOP_RULES)],
        }


def _day(value: datetime | None) -> date:
    return (value or datetime.now(UTC)).astimezone(UTC).date()


def sprint_trends(
    engine: Engine, repos: list[str] | None, calendar: SprintCalendar, agent: str | None = None,
    authors: set[str] | None = None,
) -> list[SprintTrend]:
    """Every recorded review counted exactly once, in the sprint of its PR's creation.

    `repos=None` is the organisation view over every repository; `agent` narrows risks and
    rules to one agent; `authors` narrows to one team's pull requests.
    """
    sprints: dict[str, SprintTrend] = {}

    def slot(key: SprintKey) -> SprintTrend:
        trend = sprints.get(key.name)
        if trend is None:
            trend = sprints[key.name] = SprintTrend(key.name, key.start, key.end)
        elif key.milestone:  # a milestone spans the PRs filed for it
            trend.start, trend.end = min(trend.start, key.start), max(trend.end, key.end)
        return trend

    columns = (Review.id, Review.repo, Review.number, Review.milestone, Review.pr_created_at, Review.created_at,
               Review.merged_at, Review.risk, Review.blocking_count, Review.waived_count, Review.author,
               Review.agent_risk if agent else Review.id)
    query = select(*columns)
    if repos is not None:
        query = query.where(Review.repo.in_(repos))
    latest: dict[tuple[str, int], tuple[int, Any]] = {}
    with engine.connect() as connection:
        for row in connection.execute(query):
            (rid, repo, number, milestone, pr_created, created, merged, risk, blocking, waived, author,
             agent_risk) = row
            if authors is not None and author not in authors:
                continue
            key = sprint_of(_day(pr_created or created), milestone or "", calendar)
            trend = slot(key)
            trend.reviews += 1
            trend.prs.add((repo, number))
            trend.risks.append(int(agent_risk.get(agent, 0)) if agent else int(risk))
            trend.blocking += int(blocking)
            trend.waivers += int(waived)
            pr = (repo, number)
            if pr not in latest or rid > latest[pr][0]:
                latest[pr] = (rid, (key.name, merged, risk, blocking))
        for _, (name, merged, risk, blocking) in latest.values():
            if merged is not None and (blocking or risk >= HIGH_RISK):
                sprints[name].merged_with_open_risk += 1
        if authors is None:
            _add_rollups(connection, repos, calendar, agent, slot)
    return sorted(sprints.values(), key=lambda t: (t.start, t.name))


def _add_rollups(connection: Any, repos: list[str] | None, calendar: SprintCalendar, agent: str | None,
                 slot: Any) -> None:
    rules = select(RuleDaily.day, RuleDaily.milestone, RuleDaily.rule, RuleDaily.kind,
                   func.sum(RuleDaily.findings)).group_by(RuleDaily.day, RuleDaily.milestone, RuleDaily.rule,
                                                          RuleDaily.kind)
    agents = select(AgentDaily.day, AgentDaily.milestone, AgentDaily.agent, func.sum(AgentDaily.reviews),
                    func.sum(AgentDaily.risk_sum), func.max(AgentDaily.risk_max)).group_by(
        AgentDaily.day, AgentDaily.milestone, AgentDaily.agent)
    if repos is not None:
        rules = rules.where(RuleDaily.repo.in_(repos))
        agents = agents.where(AgentDaily.repo.in_(repos))
    if agent is not None:
        rules = rules.where(RuleDaily.agent == agent)
        agents = agents.where(AgentDaily.agent == agent)
    for day, milestone, rule, kind, count in connection.execute(rules):
        trend = slot(sprint_of(date.fromisoformat(day), milestone, calendar))
        trend.rules[rule] += int(count)
        if kind.endswith("unverifiable"):
            trend.unverified_claims += int(count)
    for day, milestone, name, reviews, risk_sum, risk_max in connection.execute(agents):
        trend = slot(sprint_of(date.fromisoformat(day), milestone, calendar))
        totals = trend.agent_sums.setdefault(name, [0, 0, 0])
        totals[0] += int(reviews)
        totals[1] += int(risk_sum)
        totals[2] = max(totals[2], int(risk_max))


def trends_document(engine: Engine, repo: str | None, calendar: SprintCalendar, agent: str | None = None,
                    authors: set[str] | None = None, repos: list[str] | None = None) -> dict[str, Any]:
    """The JSON the API serves: one repository, or the organisation (`repo=None`)."""
    scope = [repo] if repo is not None else repos
    trends = sprint_trends(engine, scope, calendar, agent, authors)
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

