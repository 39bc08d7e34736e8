"""The written retrospective of one sprint, from the promise ledger by plain code: the numbers, the
biggest movers, promises missed more than once, and what nobody could verify, each statement
linked to the pull requests behind it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from custody.reviewer.app.store.models import PromiseRow, Review
from custody.reviewer.app.trends.queries import in_sprint, repositories_by_risk, sprint_span, sprint_trends
from custody.reviewer.app.trends.sprints import SprintCalendar
from sqlalchemy import Engine, select

KIND_WORDS = {"ticket_criterion": ("ticket criterion", "ticket criteria"),
              "card_claim": ("model-card claim", "model-card claims"),
              "design_stage": ("design stage", "design stages"),
              "design_edge": ("design dependency", "design dependencies"),
              "design_param": ("design parameter", "design parameters"),
              "data_contract": ("data contract", "data contracts"),
              "promotion_gate": ("promotion gate", "promotion gates")}


def kind_words(kind: str, count: int) -> str:
    one, many = KIND_WORDS.get(kind, (kind, kind))
    return one if count == 1 else many
MOVERS = 3
ADMISSION = "admission"  # the trigger of a review made when the registry moved an alias


@dataclass
class LedgerRow:
    repo: str
    number: int
    title: str
    url: str
    agent: str
    kind: str
    subject: str
    locator: str
    state: str
    at: str = "review"  # "admission": judged when the registry moved the alias, after the PR shipped


@dataclass
class Statement:
    text: str
    prs: list[str] = field(default_factory=list)  # PR links behind the statement

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "prs": self.prs}


def pr_url(repo: str, number: int) -> str:
    return f"https://github.com/{repo}/pull/{number}"


def sprint_ledger(engine: Engine, repos: list[str] | None, sprint: str, calendar: SprintCalendar) -> list[LedgerRow]:
    """The promises of each PR of the sprint, as its latest review found them; and, beside them, every
    promotion gate judged at admission (an alias moved in the registry later) for a PR of the sprint."""
    members = in_sprint(calendar, sprint)
    if members is None:
        return []
    reviews = select(Review.id, Review.repo, Review.number, Review.title, Review.trigger).where(
        Review.latest | (Review.trigger == ADMISSION), members)
    if repos is not None:
        reviews = reviews.where(Review.repo.in_(repos))
    with engine.connect() as connection:
        chosen = {row.id: row for row in connection.execute(reviews)}
        if not chosen:
            return []
        # By the ids in hand, not a join: PostgreSQL would plan the join as a parallel scan of every review.
        promises = (select(PromiseRow.review_id, PromiseRow.agent, PromiseRow.kind, PromiseRow.subject,
                           PromiseRow.locator, PromiseRow.state).where(PromiseRow.review_id.in_(list(chosen))))
        out: list[LedgerRow] = []
        for promise in connection.execute(promises):
            review = chosen[promise.review_id]
            url = pr_url(review.repo, review.number) if review.number else f"https://github.com/{review.repo}"
            out.append(LedgerRow(review.repo, review.number, review.title, url, promise.agent, promise.kind,
                                 promise.subject, promise.locator, promise.state,
                                 "admission" if review.trigger == ADMISSION else "review"))
    return sorted(out, key=lambda r: (r.repo, r.number, r.at == ADMISSION, r.kind, r.subject))


def missed_by_repository(ledger: list[LedgerRow]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in ledger:
        if row.state == "missed":
            grouped[row.repo].append({"number": row.number, "title": row.title, "url": row.url, "agent": row.agent,
                                      "kind": row.kind, "subject": row.subject, "locator": row.locator,
                                      "at": row.at})
    return dict(grouped)


def retrospective(sprint: dict[str, Any], previous: dict[str, Any] | None, ledger: list[LedgerRow],
                  repo_risk: list[dict[str, Any]]) -> list[Statement]:
    """A few sentences, each from the ledger or the sprint's numbers, each with the PRs behind it."""
    statements: list[Statement] = []
    prs = sorted({r.url for r in ledger})
    kept = sum(1 for r in ledger if r.state == "kept")
    missed = [r for r in ledger if r.state == "missed"]
    unverifiable = [r for r in ledger if r.state == "unverifiable"]
    repos = len({r.repo for r in ledger})
    statements.append(Statement(
        f"{sprint['reviews']} review{'s' if sprint['reviews'] != 1 else ''} of {sprint['pull_requests']} pull "
        f"request{'s' if sprint['pull_requests'] != 1 else ''}: {kept} promise{'s' if kept != 1 else ''} kept, "
        f"{len(missed)} missed, {len(unverifiable)} not verifiable"
        + (f" across {repos} repositor{'ies' if repos != 1 else 'y'}." if repos else "."), prs))
    if previous is not None:
        change = round(sprint["risk"]["mean"] - previous["risk"]["mean"], 1)
        if change:
            direction = "rose" if change > 0 else "fell"
            statements.append(Statement(
                f"Mean risk {direction} from {previous['risk']['mean']} to {sprint['risk']['mean']} against "
                f"{previous['name']}; blocking findings went from {previous['blocking']} to {sprint['blocking']}."))
    movers = sorted((r for r in repo_risk if r.get("trend")), key=lambda r: -abs(r["trend"]))[:MOVERS]
    for mover in movers:
        behind = sorted({r.url for r in ledger if r.repo == mover["repo"]})
        word = "up" if mover["trend"] > 0 else "down"
        statements.append(Statement(f"{mover['repo']}: risk {word} {abs(mover['trend'])} to {mover['risk']}.", behind))
    blocking = [r for r in repo_risk if r["blocking"]]
    if blocking:  # where the sprint's blocking findings came from, new repositories included
        top = max(blocking, key=lambda r: (r["blocking"], r["risk"]))
        statements.append(Statement(
            f"{top['repo']} shipped {top['blocking']} of the sprint's {sprint['blocking']} blocking finding"
            f"{'s' if sprint['blocking'] != 1 else ''} (mean risk {top['risk']} over {top['reviews']} "
            f"review{'s' if top['reviews'] != 1 else ''}).", sorted({r.url for r in ledger if r.repo == top["repo"]})))
    repeated: dict[tuple[str, str], list[LedgerRow]] = defaultdict(list)
    for row in missed:
        repeated[(row.kind, row.subject.lower())].append(row)
    for (kind, _), rows in sorted(repeated.items(), key=lambda item: -len(item[1])):
        if len({r.url for r in rows}) < 2:
            break
        statements.append(Statement(
            f"Missed in {len({r.url for r in rows})} pull requests: the {kind_words(kind, 1)} "
            f"\u201c{rows[0].subject[:120]}\u201d.", sorted({r.url for r in rows})))
    by_kind: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in unverifiable:
        by_kind[row.kind].append(row)
    for kind, rows in sorted(by_kind.items(), key=lambda item: -len(item[1])):
        statements.append(Statement(
            f"Nobody could verify {len(rows)} {kind_words(kind, len(rows))} (nothing shipped to compare with, "
            f"or no record to read).", sorted({r.url for r in rows})))
    return statements


def sprint_story(engine: Engine, repos: list[str] | None, sprint: str, calendar: SprintCalendar) -> dict[str, Any]:
    """What the sprint page and `/api/v1/trends/sprint` add to the list of reviews: the sprint's numbers,
    the retrospective, the missed promises by repository, and the top rules."""
    span = sprint_span(engine, repos, calendar, sprint)
    if span is None:
        return {"numbers": None, "retrospective": [], "missed": {}, "top_rules": []}
    sprints = [t.as_json() for t in sprint_trends(engine, repos, calendar, span=span)]
    index = next((i for i, s in enumerate(sprints) if s["name"] == sprint), None)
    if index is None:
        return {"numbers": None, "retrospective": [], "missed": {}, "top_rules": []}
    this = sprints[index]
    previous = sprints[index - 1] if index > 0 else None
    ledger = sprint_ledger(engine, repos, sprint, calendar)
    # Over this sprint and the one before: each repository's change into this sprint.
    movers = [r for r in repositories_by_risk(engine, repos, calendar, span) if r["sprint"] == sprint]
    return {"numbers": this, "retrospective": [s.as_json() for s in retrospective(this, previous, ledger, movers)],
            "missed": missed_by_repository(ledger), "top_rules": this["top_rules"]}
