"""Who may read the dashboard and the API: a machine with the API token, or a person signed in
with GitHub, who sees only the repositories of the App's installations they belong to."""

# No `from __future__ import annotations`: FastAPI must see the closures' parameter types.
import hmac
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

from custody.reviewer.app.access import bearer_token, is_api_token
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.sessions import API_LOGIN, SESSION_TTL
from custody.reviewer.app.trends.api import Viewer
from custody.reviewer.app.trends.github_signin import OAuthApp, SignInFailed, sign_in
from custody.reviewer.settings import loopback_host
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

TOKEN_COOKIE = "custody_session"  # a session opened with the API token; the store keeps only its hash
USER_COOKIE = "custody_user"  # a person's session token; the store keeps only its hash
STATE_COOKIE = "custody_oauth_state"
STATE_TTL = timedelta(minutes=10)  # time to consent on GitHub
TEMPLATES = Environment(loader=PackageLoader("custody.reviewer.app.trends", "templates"),
                        autoescape=select_autoescape(["html"]))
SignIn = Callable[[OAuthApp, str, str], tuple[str, list[str]]]


# A proxy in front says so with one of these; behind one, the address the app sees proves nothing.
FORWARDED = ("forwarded", "x-forwarded-proto", "x-forwarded-for", "x-forwarded-host", "x-real-ip")


def plain_loopback_http(url: str) -> bool:
    """`http://localhost…`, `http://127.x…` or `http://[::1]…`: the one deployment whose cookies
    may go without `Secure` (a browser on the same machine, no TLS to terminate)."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").strip("[]")
    if parsed.scheme != "http":
        return False
    return loopback_host(host)


def secure_cookies(request: Request, public_url: str | None) -> bool:
    """Secure unless the deployment is plain loopback HTTP: its public URL says so, or, with none
    configured, the request reached it over HTTP on loopback with no proxy's forwarding header
    (a TLS proxy on the same machine often talks to the app as `http://127.0.0.1`)."""
    if public_url:
        return not plain_loopback_http(public_url)
    if any(name in request.headers for name in FORWARDED):
        return True
    return not plain_loopback_http(str(request.base_url))


def page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context))


def session_viewer(store: Store, api_token: str | None) -> Callable[[Request], Viewer | None]:
    """The caller: bearer token, the API-token cookie, or a person's session; None for anyone else."""

    def viewer(request: Request) -> Viewer | None:
        if is_api_token(bearer_token(request), api_token):
            return Viewer(API_LOGIN, None)
        if store.api_session_valid(request.cookies.get(TOKEN_COOKIE, ""), api_token):
            return Viewer(API_LOGIN, None)
        person = store.session_of(request.cookies.get(USER_COOKIE, ""))
        return Viewer(person[0], set(person[1])) if person is not None else None

    return viewer


def signin_router(store: Store, api_token: str | None, oauth: OAuthApp | None, public_url: str | None = None,
                  exchange: SignIn = sign_in) -> APIRouter:
    router = APIRouter()

    def set_cookie(response: Response, request: Request, name: str, value: str, ttl: timedelta) -> None:
        """Sign-in cookies: not for scripts, not sent cross-site, Secure unless plain loopback HTTP."""
        response.set_cookie(name, value, httponly=True, samesite="lax", max_age=int(ttl.total_seconds()),
                            secure=secure_cookies(request, public_url))

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
        set_cookie(response, request, TOKEN_COOKIE, store.open_api_session(api_token, SESSION_TTL), SESSION_TTL)
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
        for name in (USER_COOKIE, TOKEN_COOKIE):  # revoked server-side: a copy of the cookie is refused
            store.close_session(request.cookies.get(name, ""))
        response = RedirectResponse("/dashboard/sign-in", status_code=303)
        secure = secure_cookies(request, public_url)
        response.delete_cookie(USER_COOKIE, httponly=True, samesite="lax", secure=secure)
        response.delete_cookie(TOKEN_COOKIE, httponly=True, samesite="lax", secure=secure)
        return response

    return router
