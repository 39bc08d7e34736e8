"""The routers beside the webhook: the trends API and the managers' dashboard."""

from __future__ import annotations

from typing import Any

from custody.reviewer.settings import Settings
from custody.reviewer.store import Store
from custody.reviewer.trends.api import bearer_viewer, trends_router
from custody.reviewer.trends.dashboard import dashboard_router
from custody.reviewer.trends.sprints import SprintCalendar


def extra_routers(settings: Settings, store: Store) -> list[Any]:
    calendar = SprintCalendar.from_env()
    viewer = bearer_viewer(settings.api_token)
    return [trends_router(store, calendar, viewer), dashboard_router(store, calendar, settings.api_token)]
