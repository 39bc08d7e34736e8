"""What people said on a pull request (waivers, per-PR settings), and what the App wrote on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from custody.reviewer.app.github.pr_settings import PrSetting
from custody.reviewer.app.store.database import Database, db_text
from custody.reviewer.app.store.models import CheckRunRow, PrOutputs, PrSettingRow, WaiverRow, utcnow
from custody.reviewer.model.findings import Waiver
from sqlalchemy import select, update


@dataclass
class Written:
    """The App's outputs on one PR, as remembered. `fingerprints` is None when nothing was ever
    recorded (a PR reviewed before this was kept): GitHub is asked once."""

    comment_id: int | None = None
    comment_pending: bool = False
    fingerprints: set[str] | None = None
    inline_pending: set[str] = field(default_factory=set)
    reviewed_head: str | None = None


class PrState(Database):
    """Waivers and settings given in `/custody` comments; the comment, inline fingerprints and check
    runs the App wrote, with a mark on each create under way (its answer may be lost)."""

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


    # -- what the App wrote ----------------------------------------------------------------------

    def written(self, repo: str, number: int) -> Written:
        with self._sessions() as session:
            row = session.get(PrOutputs, (db_text(repo), number))
            if row is None:
                return Written()
            return Written(comment_id=row.comment_id, comment_pending=row.comment_pending,
                           fingerprints=None if row.fingerprints is None else set(row.fingerprints),
                           inline_pending=set(row.inline_pending or []), reviewed_head=row.reviewed_head)

    def _outputs(self, repo: str, number: int, **values: Any) -> None:
        """Upsert the PR's row with `values` (one short write transaction)."""
        values["updated_at"] = utcnow()
        statement = self._upsert(PrOutputs).values(repo=db_text(repo), number=number,
                                                   **{"comment_pending": False, **values})
        with self._session() as session:
            session.execute(statement.on_conflict_do_update(index_elements=[PrOutputs.repo, PrOutputs.number],
                                                            set_=values))

    def comment_creating(self, repo: str, number: int) -> None:
        """A summary comment is about to be created: if its answer is lost, the next attempt looks first."""
        self._outputs(repo, number, comment_pending=True)

    def comment_written(self, repo: str, number: int, comment_id: int | None) -> None:
        """The summary comment's id (None: it is gone, create one next time)."""
        self._outputs(repo, number, comment_id=comment_id, comment_pending=False)

    def inline_posting(self, repo: str, number: int, fingerprints: set[str]) -> None:
        self._outputs(repo, number, inline_pending=sorted(fingerprints))

    def inline_posted(self, repo: str, number: int, fingerprints: set[str]) -> None:
        """Add `fingerprints` to those posted and clear the ones under way."""
        known = self.written(repo, number).fingerprints or set()
        self._outputs(repo, number, fingerprints=sorted(known | fingerprints), inline_pending=[])

    def reviewed(self, repo: str, number: int, head_sha: str) -> None:
        self._outputs(repo, number, reviewed_head=db_text(head_sha))

    def check_run_creating(self, repo: str, head_sha: str) -> tuple[bool, int | None]:
        """Mark a check run create for the head as under way. Answers whether one was marked before
        (its answer may be lost) and its id if it is known."""
        with self._session() as session:
            key = (db_text(repo), db_text(head_sha))
            row = session.get(CheckRunRow, key)
            if row is not None:
                return True, row.run_id
            session.add(CheckRunRow(repo=key[0], head_sha=key[1], run_id=None))
            return False, None

    def check_run_written(self, repo: str, head_sha: str, run_id: int) -> None:
        with self._session() as session:
            session.execute(update(CheckRunRow).where(CheckRunRow.repo == db_text(repo),
                                                      CheckRunRow.head_sha == db_text(head_sha))
                            .values(run_id=run_id))
