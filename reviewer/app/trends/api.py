"""The trends JSON API (`/api/v1/trends`), behind a bearer token or a signed-in GitHub user."""

# No `from __future__ import annotations`: FastAPI must see the closures' dependency types.
from collections.abc import Callable
from typing import Annotated, Any

from custody.agents import AGENT_MODULES
from custody.reviewer.app.access import bearer_token, is_api_token
from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.queries import Team, calendar_json, pr_sprint, sprint_prs, trends_document
from custody.reviewer.app.trends.retrospective import sprint_story
from custody.reviewer.app.trends.sprints import SprintCalendar
from custody.reviewer.model.evidence.pull_request import MAX_PR_NUMBER
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

REPO_PATTERN = r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"
OWNER_PATTERN = r"^(@[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+)$"  # @user, @org/team, e-mail


class Viewer:
    """Who is asking: a machine with the API token (every repository), or a person (some)."""

    def __init__(self, login: str, repos: set[str] | None) -> None:
        self.login = login
        self.repos = repos  # None means every repository

    def may_read(self, repo: str) -> bool:
        return self.repos is None or repo in self.repos

    def scope(self, repos: list[str] | None) -> list[str] | None:
        if self.repos is None:
            return repos
        allowed = sorted(self.repos)
        return allowed if repos is None else [r for r in repos if r in self.repos]


SessionLookup = Callable[[Request], Viewer | None]


def check_agent(agent: str | None) -> None:
    """An unknown agent is a mistake to report, not a filter that silently matches nothing."""
    if agent is not None and agent not in AGENT_MODULES:
        raise HTTPException(400, f"unknown agent {agent!r}; the agents are {', '.join(AGENT_MODULES)}")


def bearer_viewer(api_token: str | None, sessions: SessionLookup | None = None) -> Callable[[Request], Viewer]:
    """A FastAPI dependency: the bearer token, else the signed-in session, else 401."""

    def dependency(request: Request) -> Viewer:
        token = bearer_token(request)
        if token is not None:
            if is_api_token(token, api_token):
                return Viewer("api-token", None)
            raise HTTPException(401, "invalid bearer token", headers={"WWW-Authenticate": "Bearer"})
        viewer = sessions(request) if sessions is not None else None
        if viewer is None:
            raise HTTPException(401, "sign in with GitHub or send Authorization: Bearer",
                                headers={"WWW-Authenticate": "Bearer"})
        return viewer

    return dependency


def trends_router(store: Store, calendar: SprintCalendar, viewer: Callable[[Request], Viewer]) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["trends"])
    Auth = Annotated[Viewer, Depends(viewer)]

    @router.get("/trends", summary="Risk per sprint for one repository, or the organisation")
    def trends(
        who: Auth,
        repo: Annotated[str | None, Query(pattern=REPO_PATTERN, description="OWNER/NAME")] = None,
        agent: Annotated[str | None, Query(max_length=64)] = None,
        authors: Annotated[str | None, Query(max_length=2000, description="a team: comma-separated logins")] = None,
        team: Annotated[str | None, Query(max_length=200, pattern=OWNER_PATTERN,
                                          description="a CODEOWNERS owner: PRs touching its files")] = None,
        label: Annotated[str | None, Query(max_length=200, description="PRs carrying this label")] = None,
    ) -> dict[str, Any]:
        if repo is not None and not who.may_read(repo):
            raise HTTPException(404, "no such repository")  # do not confirm that it exists
        check_agent(agent)
        people = frozenset(a.strip() for a in authors.split(",") if a.strip()) if authors else frozenset()
        chosen = Team(people, team, label) if people or team or label else None
        return trends_document(store.engine, repo, calendar, agent=agent, team=chosen,
                               repos=who.scope(None) if repo is None else None)

    @router.get("/trends/sprint", summary="The reviews behind one sprint's numbers")
    def sprint(
        who: Auth,
        name: Annotated[str, Query(max_length=200)],
        repo: Annotated[str | None, Query(pattern=REPO_PATTERN)] = None,
    ) -> JSONResponse:
        if repo is not None and not who.may_read(repo):
            raise HTTPException(404, "no such repository")
        scope = [repo] if repo is not None else who.scope(None)
        # Plain JSON already: answered as it is, since FastAPI's encoder would walk thousands of rows again.
        return JSONResponse({"sprint": name, "calendar": calendar_json(calendar),
                             "reviews": sprint_prs(store.engine, scope, name, calendar),
                             **sprint_story(store.engine, scope, name, calendar)})

    @router.get("/prs/{owner}/{name}/{number}", summary="A pull request's latest verdict: findings, promises, waivers")
    def pull_request(
        who: Auth,
        owner: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]+$")],
        name: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]+$")],
        number: Annotated[int, Path(ge=1, le=MAX_PR_NUMBER)],
    ) -> dict[str, Any]:
        repo = f"{owner}/{name}"
        found = store.latest_verdict(repo, number) if who.may_read(repo) else None
        if found is None:
            raise HTTPException(404, "no review of that pull request")  # nor whether the repository exists
        record, verdict = found
        return {"repo": repo, "number": number, "title": record.title, "head_sha": record.head_sha,
                "reviewed_at": record.created_at.isoformat(), "conclusion": record.conclusion,
                "sprint": pr_sprint(calendar, record.sprint_day, record.sprint_by_merge, record.milestone),
                "risk": verdict.get("risk", {"overall": record.risk}),
                "findings": verdict.get("findings", []), "promises": verdict.get("promises", []),
                "waivers": verdict.get("waivers", []), "coverage": verdict.get("coverage", {})}

    return router
