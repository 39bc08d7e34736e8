"""The stand-in's "Sign in with GitHub": the OAuth web flow and the user endpoints the dashboard reads.

`/login/oauth/authorize` consents at once as the World's `browser_login` (as a person already
signed in to github.com who authorised the App before) and sends the browser back with a code;
the code is exchanged once for a user token; `/user/installations` and their repositories list
what that person may see.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

from custody.reviewer.app.standin import responses as r
from custody.reviewer.app.standin.world import World

BAD_CREDENTIALS = {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}


class OAuthFlow:
    def __init__(self, world: World) -> None:
        self.world = world

    def _login(self, token: str) -> str | None:
        scheme, _, value = token.partition(" ")
        return self.world.user_tokens.get(value) if scheme.lower() in {"bearer", "token"} else None

    def authorize(self, query: dict[str, str], **_: Any) -> tuple[int, Any, dict[str, str]]:
        world = self.world
        if query.get("client_id") != world.oauth_client[0] or not query.get("redirect_uri"):
            return 404, {"message": "Not Found"}, {}
        if world.browser_login is None:
            return 403, {"message": "nobody is signed in to the stand-in's github.com"}, {}
        code = secrets.token_hex(10)
        world.oauth_codes[code] = world.browser_login
        back = urlencode({"code": code, "state": query.get("state", "")})
        return 302, {}, {"Location": f"{query['redirect_uri']}?{back}"}

    def access_token(self, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        world = self.world
        if (body.get("client_id"), body.get("client_secret")) != world.oauth_client:
            return 200, {"error": "incorrect_client_credentials",
                         "error_description": "The client_id and/or client_secret passed are incorrect."}
        login = world.oauth_codes.pop(str(body.get("code") or ""), None)
        if login is None:
            return 200, {"error": "bad_verification_code",
                         "error_description": "The code passed is incorrect or expired."}
        token = "ghu_" + secrets.token_hex(18)
        world.user_tokens[token] = login
        return 200, {"access_token": token, "token_type": "bearer", "scope": ""}

    def user(self, token: str, **_: Any) -> tuple[int, Any]:
        login = self._login(token)
        return (200, r.user(login)) if login else (401, dict(BAD_CREDENTIALS))

    def installations(self, token: str, **_: Any) -> tuple[int, Any]:
        login = self._login(token)
        if login is None:
            return 401, dict(BAD_CREDENTIALS)
        owners = {repo.installation_id: repo.full_name.split("/")[0] for repo in self.world.repos.values()}
        mine = sorted(self.world.members.get(login, set()) & set(owners))
        return 200, {"total_count": len(mine),
                     "installations": [{"id": i, "account": r.user(owners[i])} for i in mine]}

    def repositories(self, iid: str, token: str, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        login = self._login(token)
        if login is None:
            return 401, dict(BAD_CREDENTIALS)
        if int(iid) not in self.world.members.get(login, set()):
            return 404, {"message": "Not Found"}
        repos = sorted((x for x in self.world.repos.values() if x.installation_id == int(iid)),
                       key=lambda x: x.full_name)
        per_page, page = min(int(query.get("per_page", 30)), 100), max(int(query.get("page", 1)), 1)
        chunk = repos[(page - 1) * per_page: page * per_page]
        return 200, {"total_count": len(repos), "repositories": [r.repository(x) for x in chunk]}
