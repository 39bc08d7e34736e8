"""Admission: where registry aliases last pointed, and each judged move of a production alias."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from custody.reviewer.app.store.database import Database, db_text, optional_db_text
from custody.reviewer.app.store.models import AdmissionEvent, AliasPosition, utcnow
from sqlalchemy import select


@dataclass(frozen=True)
class Position:
    version: str
    moved_by: str  # "registry" or "custody"
    updated_at: datetime


@dataclass(frozen=True)
class AdmissionRecord:
    """What an admission judged and did; `id` is set once stored."""

    delivery_id: str
    model: str
    target: str
    version: str
    previous_version: str | None
    repo: str | None
    number: int | None
    commit: str | None
    conclusion: str
    reverted_to: str | None = None
    reported_at: str | None = None
    review_id: int | None = None
    moved_at: datetime | None = None


class Admissions(Database):
    """Alias positions and admission events."""

    def alias_position(self, model: str, target: str) -> Position | None:
        with self._session() as session:
            row = session.get(AliasPosition, (db_text(model), db_text(target)))
            return Position(row.version, row.moved_by, row.updated_at) if row else None

    def move_alias(self, model: str, target: str, version: str, moved_by: str) -> Position | None:
        """Note the alias's new position; the one it replaces, if Custody knew it."""
        statement = self._upsert(AliasPosition).values(model=db_text(model), target=db_text(target),
                                                       version=db_text(version), moved_by=moved_by,
                                                       updated_at=utcnow())
        statement = statement.on_conflict_do_update(
            index_elements=[AliasPosition.model, AliasPosition.target],
            set_={"version": statement.excluded.version, "moved_by": statement.excluded.moved_by,
                  "updated_at": statement.excluded.updated_at})
        with self._session() as session:
            row = session.get(AliasPosition, (db_text(model), db_text(target)), with_for_update=True)
            before = Position(row.version, row.moved_by, row.updated_at) if row else None
            session.execute(statement)
            return before

    def save_admission(self, record: AdmissionRecord) -> int:
        row = AdmissionEvent(
            delivery_id=db_text(record.delivery_id), model=db_text(record.model), target=db_text(record.target),
            version=db_text(record.version), previous_version=optional_db_text(record.previous_version),
            repo=optional_db_text(record.repo), number=record.number, commit=optional_db_text(record.commit),
            conclusion=record.conclusion, reverted_to=optional_db_text(record.reverted_to),
            reported_at=optional_db_text(record.reported_at), review_id=record.review_id, moved_at=record.moved_at,
            created_at=utcnow())
        with self._session() as session:
            session.add(row)
            session.flush()
            return int(row.id)

    def admissions(self, repo: str | None = None, since: datetime | None = None,
                   limit: int = 200) -> list[AdmissionRecord]:
        """Newest first: for the sprint page (a repository's, or every one's) and the CLI."""
        query = select(AdmissionEvent).order_by(AdmissionEvent.created_at.desc(), AdmissionEvent.id.desc())
        if repo is not None:
            query = query.where(AdmissionEvent.repo == db_text(repo))
        if since is not None:
            query = query.where(AdmissionEvent.created_at >= since)
        with self._session() as session:
            rows = session.scalars(query.limit(limit)).all()
            return [AdmissionRecord(delivery_id=r.delivery_id, model=r.model, target=r.target, version=r.version,
                                    previous_version=r.previous_version, repo=r.repo, number=r.number,
                                    commit=r.commit, conclusion=r.conclusion, reverted_to=r.reverted_to,
                                    reported_at=r.reported_at, review_id=r.review_id, moved_at=r.moved_at)
                    for r in rows]
