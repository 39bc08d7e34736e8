"""What people said on a pull request: waivers and per-PR settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custody.reviewer.app.github.pr_settings import PrSetting
from custody.reviewer.app.store.models import (
    PrSettingRow,
    WaiverRow,
)
from custody.reviewer.model.findings import Waiver
from sqlalchemy import select

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    pass
from custody.reviewer.app.store.database import Database, db_text


class PrState(Database):
    """Waivers and settings given in `/custody` comments."""

    def add_waiver(self, repo: str, number: int, waiver: Waiver) -> None:
        with self._session() as session:
            session.add(
                WaiverRow(
                    repo=db_text(repo),
                    number=number,
                    rule=db_text(waiver.rule),
                    by=db_text(waiver.by),
                    reason=db_text(waiver.reason),
                    at=db_text(waiver.at),
                )
            )

    def waivers(self, repo: str, number: int) -> list[Waiver]:
        """Oldest first, so that a later waiver of the same rule wins where they are keyed by rule."""
        query = (
            select(WaiverRow).where(WaiverRow.repo == db_text(repo), WaiverRow.number == number).order_by(WaiverRow.id)
        )
        with self._sessions() as session:
            return [Waiver(rule=w.rule, by=w.by, reason=w.reason, at=w.at) for w in session.scalars(query)]

    def add_pr_setting(self, repo: str, number: int, setting: PrSetting) -> None:
        with self._session() as session:
            session.add(PrSettingRow(repo=db_text(repo), number=number, key=db_text(setting.key),
                                     value=db_text(setting.value), by=db_text(setting.by)))

    def pr_settings(self, repo: str, number: int) -> list[PrSetting]:
        """Oldest first: folding them in order leaves the latest value of each key."""
        query = (select(PrSettingRow).where(PrSettingRow.repo == db_text(repo), PrSettingRow.number == number)
                 .order_by(PrSettingRow.id))
        with self._sessions() as session:
            return [PrSetting(key=r.key, value=r.value, by=r.by) for r in session.scalars(query)]

