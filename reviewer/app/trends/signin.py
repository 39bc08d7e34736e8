"""Who may read the dashboard and the API: a machine with the API token, or a person signed in
with GitHub, who sees only the repositories of the App's installations they belong to."""

# No `from __future__ import annotations`: FastAPI must see the closures' parameter types.
import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

from custody.reviewer.app.access import bearer_token, is_api_token
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.sessions import SESSION_TTL
from custody.reviewer.app.trends.api import Viewer
from custody.reviewer.app.trends.github_signin import OAuthApp, SignInFailed, sign_in
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

TOKEN_COOKIE = "custody_session"  # proves the API token was presented, without carrying it
USER_COOKIE = "custody_user"  # a person's session token; the store keeps only its hash
STATE_COOKIE = "custody_oauth_state"
STATE_TTL = timedelta(minutes=10)  # time to consent on GitHub
TEMPLATES = Environment(loader=PackageLoader("custody.reviewer.app.trends", "templates"),
                        autoescape=select_autoescape(["html"]))
SignIn = Callable[[OAuthApp, str, str], tuple[str, list[str]]]


def session_value(api_token: str) -> str:
    return hmac.new(api_token.encode(), b"custody-dashboard-session", hashlib.sha256).hexdigest()


def page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context))


def session_viewer(store: Store, api_token: str | None) -> Callable[[Request], Viewer | None]:
    """The caller: bearer token, the API-token cookie, or a person's session; None for anyone else."""

    def viewer(request: Request) -> Viewer | None:
        if is_api_token(bearer_token(request), api_token):
            return Viewer("api-token", None)
        cookie = request.cookies.get(TOKEN_COOKIE, "")
        if api_token and cookie and hmac.compare_digest(cookie.encode(), session_value(api_token).encode()):
            return Viewer("api-token", None)
        person = store.session_of(request.cookies.get(USER_COOKIE, ""))
        return Viewer(person[0], set(person[1])) if person is not None else None

    return viewer


def signin_router(store: Store, api_token: str | None, oauth: OAuthApp | None, public_url: str | None = None,
                  exchange: SignIn = sign_in) -> APIRouter:
    router = APIRouter()

    def set_cookie(response: Response, request: Request, name: str, value: str, ttl: timedelta) -> None:
        """Sign-in cookies: not for scripts, not sent cross-site, secure whenever the site is HTTPS."""
        secure = (public_url or str(request.base_url)).startswith("https://")
        response.set_cookie(name, value, httponly=True, samesite="lax", max_age=int(ttl.total_seconds()),
                            secure=secure)

    def callback_url(request: Request) -> str:
        return f"{public_url}/dashboard/oauth/callback" if public_url else str(request.url_for("oauth_callback"))

    def form(error: str | None = None, status: int = 200) -> HTMLResponse:
        answer = page("signin.html", title="Sign in", error=error, github=oauth is not None, token=bool(api_token))
        answer.status_code = status
        return answer

    @router.get("/sign-in")
    def sign_in_form() -> HTMLResponse:
        return form()

    @router.post("/sign-in")
    async def sign_in_with_token(request: Request) -> Response:
        fields = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (fields.get("token") or [""])[0]
        if not api_token or not is_api_token(token, api_token):
            return form("That token is not valid.", 401)
        response = RedirectResponse("/dashboard", status_code=303)
        set_cookie(response, request, TOKEN_COOKIE, session_value(api_token), SESSION_TTL)
        return response

    @router.get("/sign-in/github")
    def start(request: Request) -> Response:
        if oauth is None:
            return form("Sign-in with GitHub is not configured here (CUSTODY_GITHUB_CLIENT_ID).", 404)
        state = secrets.token_urlsafe(24)
        response = RedirectResponse(oauth.authorize_url(callback_url(request), state), status_code=303)
        set_cookie(response, request, STATE_COOKIE, state, STATE_TTL)
        return response

    @router.get("/oauth/callback", name="oauth_callback")
    def oauth_callback(request: Request, code: str = "", state: str = "") -> Response:
        expected = request.cookies.get(STATE_COOKIE, "")
        if oauth is None or not code or not expected or not hmac.compare_digest(state.encode(), expected.encode()):
            return form("The sign-in could not be verified; please start again.", 400)
        try:
            login, repos = exchange(oauth, code[:200], callback_url(request))
        except SignInFailed as failure:
            return form(f"GitHub sign-in failed: {failure}", 502)
        response = RedirectResponse("/dashboard", status_code=303)
        response.delete_cookie(STATE_COOKIE)
        set_cookie(response, request, USER_COOKIE, store.open_session(login, repos, SESSION_TTL), SESSION_TTL)
        return response

    @router.post("/sign-out")
    def sign_out(request: Request) -> Response:
        store.close_session(request.cookies.get(USER_COOKIE, ""))
        response = RedirectResponse("/dashboard/sign-in", status_code=303)
        response.delete_cookie(USER_COOKIE)
        response.delete_cookie(TOKEN_COOKIE)
        return response

    return router
