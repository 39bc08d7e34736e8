"""env.py: migrations run on the Store's connection, or on their own for plain `alembic` use, online only."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from custody.reviewer.app.store.models import Base
from sqlalchemy import create_engine, inspect

from tests.app.store.migrations.steps import Schema


def plain_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("custody.reviewer.app.store") / "migrations"))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    return config


# The newest revision is the one with the highest number among the files: one line, no branch, no gap.
HEAD = max(p.name[:4] for p in (resources.files("custody.reviewer.app.store") / "migrations" / "versions").iterdir()
           if p.name[:4].isdigit())


def test_the_revisions_form_one_line_from_0001_to_the_newest() -> None:
    script = ScriptDirectory.from_config(plain_config())
    assert script.get_heads() == [HEAD]
    chain = [s.revision for s in script.walk_revisions("base", "heads")]
    assert chain == [f"{n:04d}" for n in range(int(HEAD), 0, -1)]


def test_plain_alembic_builds_its_own_engine_from_the_configured_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'plain.db'}"
    command.upgrade(plain_config(url), "head")
    engine = create_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == HEAD
    finally:
        engine.dispose()


def test_offline_sql_generation_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="migrates online only"):
        command.upgrade(plain_config(f"sqlite:///{tmp_path / 'x.db'}"), "head", sql=True)
    assert not (tmp_path / "x.db").exists()


def test_the_stores_connection_is_used_and_the_migrations_end_where_the_models_are(schema: Schema) -> None:
    schema.upgrade("head")
    assert schema.revision() == HEAD and schema.tables() == set(Base.metadata.tables)
