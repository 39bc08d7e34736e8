"""Trend numbers per sprint, read from the reviews table and the daily rollups."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
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
from custody.reviewer.app.trends.sprints import EPOCH, NO_MILESTONE, SprintCalendar, SprintKey, sprint_of
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


def _bucket_of(day: Any, calendar: SprintCalendar) -> Any:
    """The sprint window number of an integer day column: integer division, on every database."""
    origin = (calendar.first_day - EPOCH).days
    shift = (origin // calendar.length_days + 1) * calendar.length_days  # keeps the dividend positive
    return (day - origin + shift) // calendar.length_days - shift // calendar.length_days


def _axis(calendar: SprintCalendar, day: Any, milestone: Any) -> Any:
    """The sprint of a row as one SQL expression: its window number, or its milestone ("" for none)."""
    return func.coalesce(milestone, "") if calendar.milestones else _bucket_of(day, calendar)


def _key(value: Any, first: int, last: int, calendar: SprintCalendar) -> SprintKey:
    """The sprint of an axis value, with the first and last placing day seen in it."""
    if calendar.milestones:
        return SprintKey(str(value or "") or NO_MILESTONE, EPOCH + timedelta(days=int(first)),
                         EPOCH + timedelta(days=int(last)), True)
    start = calendar.first_day + timedelta(days=int(value) * calendar.length_days)
    return sprint_of(start, "", calendar)


def in_sprint(calendar: SprintCalendar, name: str) -> Any | None:
    """The SQL condition for the reviews of one sprint (None: no sprint has that name)."""
    if calendar.milestones:
        if name == NO_MILESTONE:
            return func.coalesce(Review.milestone, "") == ""
        return Review.milestone == name
    days = calendar.days_of(name)
    if days is None:
        return None
    return Review.sprint_day.between(*days)


@dataclass(frozen=True)
class Span:
    """Which sprints a query reads: windows from `first_day` to `last_day` (day numbers), or the named
    milestones. A page that shows recent sprints reads only their rows, whole sprints at a time."""

    first_day: int | None = None
    last_day: int | None = None
    milestones: tuple[str, ...] | None = None

    def conditions(self, day: Any, milestone: Any) -> list[Any]:
        out: list[Any] = []
        if self.first_day is not None:
            out.append(day >= self.first_day)
        if self.last_day is not None:
            out.append(day <= self.last_day)
        if self.milestones is not None:
            out.append(func.coalesce(milestone, "").in_(self.milestones))
        return out


def _milestone_key(name: str) -> str:
    return "" if name == NO_MILESTONE else name


def recent_span(engine: Engine, repos: list[str] | None, calendar: SprintCalendar, count: int) -> Span | None:
    """The newest `count` sprints of these repositories (None: no review yet)."""
    scope = [Review.repo.in_(repos)] if repos is not None else []
    with engine.connect() as connection:
        if not calendar.milestones:
            last = connection.execute(select(func.max(Review.sprint_day)).where(*scope)).scalar()
            if last is None:
                return None
            newest = calendar.days_of(calendar.window(EPOCH + timedelta(days=int(last)))[0])
            assert newest is not None  # a window's own name reads back
            return Span(first_day=newest[0] - (count - 1) * calendar.length_days)
        milestone = func.coalesce(Review.milestone, "")
        rows = connection.execute(select(milestone).where(*scope).group_by(milestone)
                                  .order_by(func.max(Review.sprint_day).desc()).limit(count)).scalars().all()
    return Span(milestones=tuple(rows)) if rows else None


def sprint_span(engine: Engine, repos: list[str] | None, calendar: SprintCalendar, name: str) -> Span | None:
    """One sprint and the one before it, for the sprint page's change against the previous sprint."""
    scope = [Review.repo.in_(repos)] if repos is not None else []
    if not calendar.milestones:
        days = calendar.days_of(name)
        if days is None:
            return None
        with engine.connect() as connection:  # the sprint before is the last one with reviews, as on the pages
            before = connection.execute(select(func.max(Review.sprint_day))
                                        .where(Review.sprint_day < days[0], *scope)).scalar()
        if before is None:
            return Span(days[0], days[1])
        return Span(calendar.window(EPOCH + timedelta(days=int(before)))[1].toordinal() - EPOCH.toordinal(), days[1])
    milestone = func.coalesce(Review.milestone, "")
    query = select(milestone, func.min(Review.sprint_day)).where(*scope).group_by(milestone)
    with engine.connect() as connection:
        starts = sorted(((m == "", first, m) for m, first in connection.execute(query)))
    names = [m for _, _, m in starts]
    wanted = _milestone_key(name)
    if wanted not in names:
        return None
    index = names.index(wanted)
    return Span(milestones=tuple(names[max(index - 1, 0):index + 1]))


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
    team: Team | None = None, span: Span | None = None, rules: bool = True,
) -> list[SprintTrend]:
    """Every recorded review counted exactly once, in its PR's one sprint (placed by merge, else opening).

    `repos=None` is the organisation view over every repository; `agent` narrows risks and
    rules to one agent; `team` narrows the reviews to one team's pull requests (rules and
    agent scores then come from that team's findings too).
    """
    sprints: dict[str, SprintTrend] = {}

    def slot(key: SprintKey) -> SprintTrend:
        trend = sprints.get(key.name)
        if trend is None:
            trend = sprints[key.name] = SprintTrend(key.name, key.start, key.end)
        elif key.milestone:  # a milestone spans the days that placed its PRs
            trend.start, trend.end = min(trend.start, key.start), max(trend.end, key.end)
        return trend

    day = Review.sprint_day
    axis = _axis(calendar, day, Review.milestone)
    scope: list[Any] = []
    if repos is not None:
        scope.append(Review.repo.in_(repos))
    team_scope = team.conditions() if team is not None else []
    scope += team_scope
    if span is not None:
        scope += span.conditions(day, Review.milestone)
    risk: Any = Review.risk
    source: Any = Review
    if agent is not None:
        risk = AgentRisk.risk
        source = Review.__table__.join(AgentRisk, (AgentRisk.review_id == Review.id) & (AgentRisk.agent == agent))
    # One row per (sprint, risk value): the risk distribution without fetching every review.
    grouped = (
        select(axis, func.min(day), func.max(day), risk, func.count(), func.sum(Review.blocking_count),
               func.sum(Review.waived_count))
        .select_from(source).where(*scope).group_by(axis, risk)
    )
    # Each PR once, through its latest review: how many PRs, merged with open risk, and its promises.
    open_risk = Review.merged_at.is_not(None) & ((Review.blocking_count > 0) | (Review.risk >= HIGH_RISK))
    prs = (select(axis, func.min(day), func.max(day), func.count(), func.sum(case((open_risk, 1), else_=0)),
                  func.sum(Review.promises_kept), func.sum(Review.promises_missed),
                  func.sum(Review.promises_unverifiable))
           .where(Review.latest, *scope).group_by(axis))
    # One agent's promises come from the ledger itself (the review row counts every agent's).
    promises = (select(axis, func.min(day), func.max(day), PromiseRow.state, func.count())
                .join(Review, Review.id == PromiseRow.review_id)
                .where(Review.latest, PromiseRow.agent == agent, *scope).group_by(axis, PromiseRow.state))
    with engine.connect() as connection:
        for value, first, last, risk_value, count, blocking, waived in connection.execute(grouped):
            trend = slot(_key(value, first, last, calendar))
            trend.reviews += int(count)
            trend.risks[int(risk_value or 0)] += int(count)
            trend.blocking += int(blocking or 0)
            trend.waivers += int(waived or 0)
        for value, first, last, count, risky, kept, missed, unverifiable in connection.execute(prs):
            trend = slot(_key(value, first, last, calendar))
            trend.pr_count += int(count)
            trend.merged_with_open_risk += int(risky or 0)
            if agent is None:
                trend.promises.update({"kept": int(kept or 0), "missed": int(missed or 0),
                                       "unverifiable": int(unverifiable or 0)})
        if agent is not None:
            for value, first, last, state, count in connection.execute(promises):
                slot(_key(value, first, last, calendar)).promises[str(state)] += int(count)
        if not team_scope:
            _add_rollups(connection, repos, calendar, agent, slot, span or Span(), rules)
        else:
            _add_team_findings(connection, scope, calendar, agent, slot)
    return sorted(sprints.values(), key=lambda t: (t.name == NO_MILESTONE, t.start, t.name))


def _add_team_findings(connection: Any, scope: list[Any], calendar: SprintCalendar, agent: str | None,
                       slot: Any) -> None:
    """Rules and agent scores for a team come from its own findings (smaller than the rollups)."""
    day = Review.sprint_day
    axis = _axis(calendar, day, Review.milestone)
    rules = (select(axis, func.min(day), func.max(day), FindingRow.rule, FindingRow.kind, func.count())
             .join(Review, Review.id == FindingRow.review_id).where(*scope)
             .group_by(axis, FindingRow.rule, FindingRow.kind))
    agents = (select(axis, func.min(day), func.max(day), AgentRisk.agent, func.count(), func.sum(AgentRisk.risk),
                     func.max(AgentRisk.risk))
              .join(Review, Review.id == AgentRisk.review_id).where(*scope)
              .group_by(axis, AgentRisk.agent))
    if agent is not None:
        rules = rules.where(FindingRow.agent == agent)
        agents = agents.where(AgentRisk.agent == agent)
    _add_rule_rows(connection.execute(rules), calendar, slot)
    _add_agent_rows(connection.execute(agents), calendar, slot)


def _add_rule_rows(rows: Any, calendar: SprintCalendar, slot: Any) -> None:
    """Rows of (axis value, first day, last day, rule, kind, count), from either source."""
    for value, first, last, rule, kind, count in rows:
        trend = slot(_key(value, first, last, calendar))
        trend.rules[rule] += int(count)
        if kind.endswith("unverifiable"):
            trend.unverified_claims += int(count)


def _add_agent_rows(rows: Any, calendar: SprintCalendar, slot: Any) -> None:
    """Rows of (axis value, first day, last day, agent, reviews, risk sum, risk max)."""
    for value, first, last, name, reviews, risk_sum, risk_max in rows:
        totals = slot(_key(value, first, last, calendar)).agent_sums.setdefault(name, [0, 0, 0])
        totals[0] += int(reviews)
        totals[1] += int(risk_sum or 0)
        totals[2] = max(totals[2], int(risk_max or 0))


def _add_rollups(connection: Any, repos: list[str] | None, calendar: SprintCalendar, agent: str | None,
                 slot: Any, span: Span, rules_too: bool = True) -> None:
    """Rules and agent scores from the daily rollups (kept on each PR's placing day), bucketed into
    sprints by the database."""
    rule_axis = _axis(calendar, RuleDaily.day, RuleDaily.milestone)
    rules = (select(rule_axis, func.min(RuleDaily.day), func.max(RuleDaily.day), RuleDaily.rule, RuleDaily.kind,
                    func.sum(RuleDaily.findings))
             .group_by(rule_axis, RuleDaily.rule, RuleDaily.kind))
    agent_axis = _axis(calendar, AgentDaily.day, AgentDaily.milestone)
    agents = (select(agent_axis, func.min(AgentDaily.day), func.max(AgentDaily.day), AgentDaily.agent,
                     func.sum(AgentDaily.reviews), func.sum(AgentDaily.risk_sum), func.max(AgentDaily.risk_max))
              .group_by(agent_axis, AgentDaily.agent))
    rules = rules.where(*span.conditions(RuleDaily.day, RuleDaily.milestone))
    agents = agents.where(*span.conditions(AgentDaily.day, AgentDaily.milestone))
    if repos is not None:
        rules = rules.where(RuleDaily.repo.in_(repos))
        agents = agents.where(AgentDaily.repo.in_(repos))
    if agent is not None:
        rules = rules.where(RuleDaily.agent == agent)
        agents = agents.where(AgentDaily.agent == agent)
    if rules_too:  # the largest rollup: pages that show no rule skip it
        _add_rule_rows(connection.execute(rules), calendar, slot)
    _add_agent_rows(connection.execute(agents), calendar, slot)


def trends_document(engine: Engine, repo: str | None, calendar: SprintCalendar, agent: str | None = None,
                    team: Team | None = None, repos: list[str] | None = None,
                    recent: int | None = None, rules: bool = True) -> dict[str, Any]:
    """The JSON the API serves: one repository, or the organisation (`repo=None`); every sprint, or
    the newest `recent` ones."""
    scope = [repo] if repo is not None else repos
    span = recent_span(engine, scope, calendar, recent) if recent is not None else None
    if recent is not None and span is None:
        trends: list[SprintTrend] = []
    else:
        trends = sprint_trends(engine, scope, calendar, agent, team, span, rules)
    return {"repo": repo, "agent": agent, "calendar": calendar_json(calendar), "sprint_days": calendar.length_days,
            "sprints": [t.as_json() for t in trends]}


def pr_sprint(calendar: SprintCalendar, sprint_day: int | None, by_merge: bool,
              milestone: str | None) -> dict[str, Any]:
    """The one sprint a PR belongs to, and the day (its merge, else its opening) that placed it there."""
    day = EPOCH + timedelta(days=int(sprint_day or 0))
    return {"name": sprint_of(day, milestone or "", calendar).name, "placed_by": "merge" if by_merge else "opening",
            "placed_on": day.isoformat(), "calendar": calendar.kind}


def calendar_json(calendar: SprintCalendar) -> dict[str, Any]:
    """Which calendar the sprints are on, and what places a PR in one, for every page and answer."""
    return {"kind": calendar.kind, "description": calendar.describe(),
            "placement": "a PR sits in the sprint of its merge day, else of the day it was opened"}


def sprint_prs(engine: Engine, repos: list[str] | None, sprint: str, calendar: SprintCalendar) -> list[dict[str, Any]]:
    """The reviews behind one sprint's numbers, newest first, each with the day that placed its PR
    in the sprint and whether that day is the merge or the opening."""
    members = in_sprint(calendar, sprint)
    if members is None:
        return []
    query = (select(Review.repo, Review.number, Review.title, Review.author, Review.head_sha, Review.milestone,
                    Review.sprint_day, Review.sprint_by_merge, Review.merged_at, Review.risk, Review.conclusion,
                    Review.blocking_count, Review.findings_count, Review.latest)
             .where(members).order_by(Review.id.desc()))
    if repos is not None:
        query = query.where(Review.repo.in_(repos))
    with engine.connect() as connection:
        return [{"repo": row.repo, "number": row.number, "title": row.title, "author": row.author,
                 "head_sha": row.head_sha, "risk": row.risk, "conclusion": row.conclusion,
                 "blocking": row.blocking_count, "findings": row.findings_count,
                 "merged": row.merged_at is not None, "latest": bool(row.latest),
                 "milestone": row.milestone, "placed_by": "merge" if row.sprint_by_merge else "opening",
                 "placed_on": (EPOCH + timedelta(days=int(row.sprint_day or 0))).isoformat(),
                 "url": f"https://github.com/{row.repo}/pull/{row.number}"}
                for row in connection.execute(query)]


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


def riskier_sprint(sprints: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The sprint whose mean risk rose most against the one before it, with what rose alongside
    (blocking findings, missed promises): the organisation page's headline. None if none rose."""
    risen = [(s["change"]["risk_mean"], i) for i, s in enumerate(sprints) if s.get("change")
             and s["change"]["risk_mean"] > 0]
    if not risen:
        return None
    _, index = max(risen)
    this, before = sprints[index], sprints[index - 1]
    reasons = []
    if this["blocking"] > before["blocking"]:
        reasons.append(f"blocking findings {before['blocking']} → {this['blocking']}")
    if this["promises"]["missed"] > before["promises"]["missed"]:
        reasons.append(f"missed promises {before['promises']['missed']} → {this['promises']['missed']}")
    return {"sprint": this["name"], "previous": before["name"], "from": before["risk"]["mean"],
            "to": this["risk"]["mean"], "change": this["change"]["risk_mean"], "reasons": reasons}


@dataclass
class _RepoSprint:
    start: date
    reviews: int = 0
    risk_sum: int = 0
    blocking: int = 0

    @property
    def mean(self) -> float:
        return round(self.risk_sum / self.reviews, 1) if self.reviews else 0.0


def repositories_by_risk(engine: Engine, repos: list[str] | None, calendar: SprintCalendar,
                         span: Span | None = None) -> list[dict[str, Any]]:
    """Repositories ranked by the mean risk of their latest sprint, with the change from the sprint
    before: one grouped query over every repository."""
    day = Review.sprint_day
    axis = _axis(calendar, day, Review.milestone)
    query = (select(Review.repo, axis, func.min(day), func.max(day), func.count(), func.sum(Review.risk),
                    func.sum(Review.blocking_count))
             .group_by(Review.repo, axis))
    if repos is not None:
        query = query.where(Review.repo.in_(repos))
    if span is not None:
        query = query.where(*span.conditions(day, Review.milestone))
    per_repo: dict[str, dict[str, _RepoSprint]] = {}
    with engine.connect() as connection:
        for repo, value, first, last, count, risk_sum, blocking in connection.execute(query):
            key = _key(value, first, last, calendar)
            totals = per_repo.setdefault(repo, {}).setdefault(key.name, _RepoSprint(key.start))
            totals.reviews += int(count)
            totals.risk_sum += int(risk_sum or 0)
            totals.blocking += int(blocking or 0)
    ranked: list[dict[str, Any]] = []
    for repo, sprints in per_repo.items():
        ordered = sorted(sprints.items(), key=lambda item: (item[0] == NO_MILESTONE, item[1].start, item[0]))
        name, last = ordered[-1]
        before = ordered[-2][1].mean if len(ordered) > 1 else None
        trend = round(last.mean - before, 1) if before is not None else None
        ranked.append({"repo": repo, "sprint": name, "risk": last.mean, "reviews": last.reviews,
                       "blocking": last.blocking, "trend": trend})
    return sorted(ranked, key=lambda r: (-r["risk"], r["repo"]))
