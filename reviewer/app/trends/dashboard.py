"""The managers' dashboard: organisation, repository and sprint pages, charts and CSV, behind sign-in."""

# No `from __future__ import annotations`: FastAPI must see the closures' parameter types.
import csv
import io
import re
from typing import Any
from urllib.parse import urlencode

from custody.agents import AGENT_MODULES
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.models import Review
from custody.reviewer.app.trends.charts import agent_chart, blocking_chart, missed_chart, risk_chart, top_rules_chart
from custody.reviewer.app.trends.github_signin import OAuthApp, sign_in
from custody.reviewer.app.trends.queries import (
    Team,
    calendar_json,
    pr_sprint,
    recent_span,
    repositories_by_risk,
    riskier_sprint,
    sprint_prs,
    trends_document,
    with_changes,
)
from custody.reviewer.app.trends.retrospective import sprint_story
from custody.reviewer.app.trends.signin import SignIn, page, session_viewer, signin_router
from custody.reviewer.app.trends.sprints import SprintCalendar
from custody.reviewer.model.evidence.pull_request import MAX_PR_NUMBER
from custody.reviewer.outcome.markdown import file_url
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select

CSV_COLUMNS = ["sprint", "start", "end", "reviews", "pull_requests", "risk_mean", "risk_p90", "risk_max", "blocking",
               "unverified_claims", "waivers", "merged_with_open_risk", "top_rule", "promises_kept",
               "promises_missed", "promises_unverifiable"]
# The path's owner and name are any text; a header takes Latin-1 only, and CR LF or a quote would forge one.
UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9_.-]")
FILTERS = ("team", "label", "agent")
# The organisation page shows the newest sprints (about half a year of two-week windows): charts keep
# labels that fit, and the page reads only those sprints' rows. The CSV and the API have them all.
RECENT_SPRINTS = 12


def _filters(request: Request) -> tuple[Team | None, dict[str, str]]:
    """The page's filters: a team (CODEOWNERS owner or label) and an agent, as given in the query."""
    filters = {k: request.query_params.get(k, "").strip()[:200] for k in FILTERS}
    filters = {k: v for k, v in filters.items() if v}
    team = Team(owner=filters.get("team"), label=filters.get("label")) if "team" in filters or "label" in filters \
        else None
    return team, filters


def dashboard_router(store: Store, calendar: SprintCalendar, api_token: str | None, oauth: OAuthApp | None = None,
                     public_url: str | None = None, exchange: SignIn = sign_in) -> APIRouter:
    router = APIRouter(prefix="/dashboard", include_in_schema=False)
    router.include_router(signin_router(store, api_token, oauth, public_url, exchange))
    viewer = session_viewer(store, api_token)
    axis = calendar_json(calendar)  # every page says which calendar its sprints are on

    def to_sign_in() -> RedirectResponse:
        return RedirectResponse("/dashboard/sign-in", status_code=303)

    def gate(request: Request, owner: str, name: str, page_request: bool = True) -> str | Response:
        """The repository the caller may read, or the answer that refuses them."""
        who = viewer(request)
        if who is None:
            return to_sign_in() if page_request else Response("sign in first", status_code=401)
        repo = f"{owner}/{name}"
        return repo if who.may_read(repo) else Response("not found", status_code=404)

    @router.get("")
    def overview(request: Request) -> Response:
        who = viewer(request)
        if who is None:
            return to_sign_in()
        with store.engine.connect() as connection:
            query = select(Review.repo, func.count()).group_by(Review.repo).order_by(Review.repo)
            repos = [(repo, count) for repo, count in connection.execute(query) if who.may_read(repo)]
        document = trends_document(store.engine, None, calendar, repos=who.scope(None), recent=RECENT_SPRINTS,
                                   rules=False)  # the page shows no rule
        span = recent_span(store.engine, who.scope(None), calendar, RECENT_SPRINTS)
        changes = with_changes(document["sprints"])
        recent = (f"The {RECENT_SPRINTS} newest milestones" if calendar.milestones
                  else f"Sprints of the last {RECENT_SPRINTS * calendar.length_days} days")
        return page("overview.html", recent=recent, title="Overview", calendar=axis, repos=repos,
                    reviews=sum(c for _, c in repos),
                    sprints=list(reversed(changes)), riskier=riskier_sprint(changes),
                    ranked=repositories_by_risk(store.engine, who.scope(None), calendar, span),
                    charts=[risk_chart(document), blocking_chart(document), missed_chart(document)])

    @router.get("/trends.csv")
    def organisation_csv(request: Request) -> Response:
        who = viewer(request)
        if who is None:
            return Response("sign in first", status_code=401)
        chosen, filters = _filters(request)
        if filters.get("agent") and filters["agent"] not in AGENT_MODULES:
            return Response(f"unknown agent; the agents are {', '.join(AGENT_MODULES)}", status_code=400)
        document = trends_document(store.engine, None, calendar, agent=filters.get("agent"), team=chosen,
                                   repos=who.scope(None))
        return _csv(document["sprints"], "organisation-trends.csv")

    @router.get("/repo/{owner}/{name}")
    def repository(request: Request, owner: str, name: str) -> Response:
        repo = gate(request, owner, name)
        if isinstance(repo, Response):
            return repo
        chosen, filters = _filters(request)
        if filters.get("agent") and filters["agent"] not in AGENT_MODULES:
            return Response(f"unknown agent; the agents are {', '.join(AGENT_MODULES)}", status_code=400)
        document = trends_document(store.engine, repo, calendar, agent=filters.get("agent"), team=chosen)
        return page("repo.html", calendar=axis, agents=AGENT_MODULES, title=repo, repo=repo,
                    sprints=document["sprints"], filters=filters,
                    query=urlencode(filters),
                    charts=[risk_chart(document), blocking_chart(document), missed_chart(document),
                            agent_chart(document), top_rules_chart(document)])

    @router.get("/repo/{owner}/{name}/sprint")
    def sprint(request: Request, owner: str, name: str, sprint_name: str = "") -> Response:
        repo = gate(request, owner, name)
        if isinstance(repo, Response):
            return repo
        wanted = request.query_params.get("name", sprint_name)
        return page("sprint.html", calendar=axis, title=f"{repo} · {wanted}", repo=repo, sprint=wanted,
                    reviews=sprint_prs(store.engine, [repo], wanted, calendar),
                    **sprint_story(store.engine, [repo], wanted, calendar))

    @router.get("/sprint")
    def organisation_sprint(request: Request, name: str = "") -> Response:
        who = viewer(request)
        if who is None:
            return to_sign_in()
        return page("sprint.html", calendar=axis, title=name, repo=None, sprint=name,
                    reviews=sprint_prs(store.engine, who.scope(None), name, calendar),
                    **sprint_story(store.engine, who.scope(None), name, calendar))

    @router.get("/repo/{owner}/{name}/pr/{number}")
    def pull_request(request: Request, owner: str, name: str, number: int) -> Response:
        repo = gate(request, owner, name)
        if isinstance(repo, Response):
            return repo
        found = store.latest_verdict(repo, number) if 0 < number <= MAX_PR_NUMBER else None
        if found is None:
            return Response("no review of that pull request", status_code=404)
        record, verdict = found
        placed = pr_sprint(calendar, record.sprint_day, record.sprint_by_merge, record.milestone)
        return page("pr.html", title=f"{repo}#{number}", repo=repo, record=record, verdict=verdict, sprint=placed,
                    calendar=axis,
                    url=f"https://github.com/{repo}/pull/{number}", links=citation_links(repo, record.head_sha),
                    waivers=store.waivers(repo, number))

    @router.get("/repo/{owner}/{name}/trends.csv")
    def csv_export(request: Request, owner: str, name: str) -> Response:
        repo = gate(request, owner, name, page_request=False)
        if isinstance(repo, Response):
            return repo
        chosen, filters = _filters(request)
        if filters.get("agent") and filters["agent"] not in AGENT_MODULES:
            return Response(f"unknown agent; the agents are {', '.join(AGENT_MODULES)}", status_code=400)
        sprints = trends_document(store.engine, repo, calendar, agent=filters.get("agent"), team=chosen)["sprints"]
        return _csv(sprints, f"{owner}-{name}-trends.csv")

    return router


def _csv(sprints: list[dict[str, Any]], filename: str) -> Response:
    """Cells that start like a formula are quoted with a leading apostrophe (CSV injection in spreadsheets)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for s in sprints:
        row = [s["name"], s["start"], s["end"], s["reviews"], s["pull_requests"], s["risk"]["mean"],
               s["risk"]["p90"], s["risk"]["max"], s["blocking"], s["unverified_claims"], s["waivers"],
               s["merged_with_open_risk"], s["top_rules"][0]["rule"] if s["top_rules"] else "",
               s["promises"]["kept"], s["promises"]["missed"], s["promises"]["unverifiable"]]
        writer.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    safe = UNSAFE_FILENAME.sub("_", filename)
    return Response(out.getvalue(), media_type="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{safe}"'})


def citation_links(repo: str, head_sha: str | None) -> Any:
    """A template helper: a citation as a link where GitHub can show it, else None."""

    def link(citation: dict[str, Any]) -> str | None:
        locator = str(citation.get("locator", ""))
        url = file_url(f"https://github.com/{repo}", head_sha, str(citation.get("artifact", "")), locator)
        return url or (locator if locator.startswith("https://") else None)

    return link
