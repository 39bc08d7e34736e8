"""The language-model token ledger per installation and month (the llm budget's Ledger protocol)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custody.reviewer.app.store.models import (
    ModelUsage,
)
from sqlalchemy import select

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    pass
from custody.reviewer.app.store.database import Database


class TokenLedger(Database):
    """Tokens used per installation and month."""

    def used(self, installation: int, month: str) -> int:
        with self._session() as session:
            tokens = session.scalar(select(ModelUsage.tokens).where(ModelUsage.installation == installation,
                                                                    ModelUsage.month == month))
            return int(tokens or 0)

    def add(self, installation: int, month: str, tokens: int) -> None:
        statement = self._upsert(ModelUsage).values(installation=installation, month=month, tokens=tokens)
        statement = statement.on_conflict_do_update(index_elements=[ModelUsage.installation, ModelUsage.month],
                                                    set_={"tokens": ModelUsage.tokens + tokens})
        with self._session() as session:
            session.execute(statement)

