"""The routers beside the webhook: the trends API and the managers' dashboard."""

# No `from __future__ import annotations`: FastAPI must see the closures' dependency types.

from collections.abc import Callable
from typing import Annotated, Any

from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.api import Viewer, bearer_viewer, trends_router
from custody.reviewer.app.trends.dashboard import dashboard_router
from custody.reviewer.app.trends.github_signin import OAuthApp
from custody.reviewer.app.trends.signin import session_viewer
from custody.reviewer.app.trends.sprints import SprintCalendar
from custody.reviewer.settings import Settings
from fastapi import APIRouter, Depends, Request


def schema_router(viewer: Callable[[Request], Viewer]) -> APIRouter:
    router = APIRouter()

    @router.get("/openapi.json", include_in_schema=False)
    def schema(request: Request, who: Annotated[Viewer, Depends(viewer)]) -> dict[str, Any]:
        """The OpenAPI schema, for those who may call the API it describes."""
        document: dict[str, Any] = request.app.openapi()
        return document

    return router


def extra_routers(settings: Settings, store: Store) -> list[Any]:
    calendar = SprintCalendar.from_settings(settings)
    # The API takes the bearer token, or the cookie of someone signed in to the dashboard.
    viewer = bearer_viewer(settings.api_token, sessions=session_viewer(store, settings.api_token))
    oauth = OAuthApp.from_settings(settings)
    return [schema_router(viewer), trends_router(store, calendar, viewer),
            dashboard_router(store, calendar, settings.api_token, oauth, settings.public_url)]
