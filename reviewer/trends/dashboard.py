"""The managers' dashboard: organisation, repository and sprint pages, charts and CSV, behind sign-in."""

# No `from __future__ import annotations`: FastAPI must see the closures' parameter types.
import csv
import hashlib
import hmac
import io
from typing import Any
from urllib.parse import parse_qs

from custody.reviewer.store import Store
from custody.reviewer.store.models import Review
from custody.reviewer.trends.api import Viewer
from custody.reviewer.trends.charts import agent_risk_chart, blocking_chart, top_rules_chart
from custody.reviewer.trends.queries import sprint_prs, trends_document
from custody.reviewer.trends.sprints import SprintCalendar
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import func, select

COOKIE = "custody_session"
TEMPLATES = Environment(loader=PackageLoader("custody.reviewer.trends", "templates"),
                        autoescape=select_autoescape(["html"]))
CSV_COLUMNS = ["sprint", "start", "end", "reviews", "pull_requests", "risk_mean", "risk_p90", "risk_max", "blocking",
               "unverified_claims", "waivers", "merged_with_open_risk", "top_rule"]


def session_value(api_token: str) -> str:
    """A cookie that proves the API token was presented, without carrying the token itself."""
    return hmac.new(api_token.encode(), b"custody-dashboard-session", hashlib.sha256).hexdigest()


def page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context))


def dashboard_router(store: Store, calendar: SprintCalendar, api_token: str | None) -> APIRouter:
    router = APIRouter(prefix="/dashboard", include_in_schema=False)

    def viewer(request: Request) -> Viewer | None:
        if not api_token:
            return None
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(token.encode(), api_token.encode()):
            return Viewer("api-token", None)
        cookie = request.cookies.get(COOKIE, "")
        if cookie and hmac.compare_digest(cookie.encode(), session_value(api_token).encode()):
            return Viewer("signed-in", None)
        return None

    def to_sign_in() -> RedirectResponse:
        return RedirectResponse("/dashboard/sign-in", status_code=303)

    def gate(request: Request, owner: str, name: str, page_request: bool = True) -> str | Response:
        """The repository the caller may read, or the answer that refuses them."""
        who = viewer(request)
        if who is None:
            return to_sign_in() if page_request else Response("sign in first", status_code=401)
        repo = f"{owner}/{name}"
        return repo if who.may_read(repo) else Response("not found", status_code=404)

    @router.get("/sign-in")
    def sign_in_form() -> HTMLResponse:
        return page("signin.html", title="Sign in", error=None)

    @router.post("/sign-in")
    async def sign_in(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0]
        if not api_token or not hmac.compare_digest(token.encode(), api_token.encode()):
            answer = page("signin.html", title="Sign in", error="That token is not valid.")
            answer.status_code = 401
            return answer
        response = RedirectResponse("/dashboard", status_code=303)
        response.set_cookie(COOKIE, session_value(api_token), httponly=True, samesite="lax", max_age=8 * 3600)
        return response

    @router.get("")
    def overview(request: Request) -> Response:
        who = viewer(request)
        if who is None:
            return to_sign_in()
        with store.engine.connect() as connection:
            query = select(Review.repo, func.count()).group_by(Review.repo).order_by(Review.repo)
            repos = [(repo, count) for repo, count in connection.execute(query) if who.may_read(repo)]
        document = trends_document(store.engine, None, calendar, repos=who.scope(None))
        return page("overview.html", title="Overview", repos=repos, reviews=sum(c for _, c in repos),
                    risk_chart=agent_risk_chart(document), blocking_chart=blocking_chart(document))

    @router.get("/repo/{owner}/{name}")
    def repository(request: Request, owner: str, name: str) -> Response:
        repo = gate(request, owner, name)
        if isinstance(repo, Response):
            return repo
        document = trends_document(store.engine, repo, calendar)
        return page("repo.html", title=repo, repo=repo, sprints=document["sprints"],
                    risk_chart=agent_risk_chart(document), blocking_chart=blocking_chart(document),
                    rules_chart=top_rules_chart(document))

    @router.get("/repo/{owner}/{name}/sprint")
    def sprint(request: Request, owner: str, name: str, sprint_name: str = "") -> Response:
        repo = gate(request, owner, name)
        if isinstance(repo, Response):
            return repo
        wanted = request.query_params.get("name", sprint_name)
        return page("sprint.html", title=f"{repo} · {wanted}", repo=repo, sprint=wanted,
                    reviews=sprint_prs(store.engine, [repo], wanted, calendar))

    @router.get("/repo/{owner}/{name}/trends.csv")
    def csv_export(request: Request, owner: str, name: str) -> Response:
        repo = gate(request, owner, name, page_request=False)
        if isinstance(repo, Response):
            return repo
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for s in trends_document(store.engine, repo, calendar)["sprints"]:
            writer.writerow([s["name"], s["start"], s["end"], s["reviews"], s["pull_requests"], s["risk"]["mean"],
                             s["risk"]["p90"], s["risk"]["max"], s["blocking"], s["unverified_claims"], s["waivers"],
                             s["merged_with_open_risk"], s["top_rules"][0]["rule"] if s["top_rules"] else ""])
        return Response(out.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{owner}-{name}-trends.csv"'})

    return router
