"""dbt models: the columns each model's properties file documents and the columns its SQL selects."""

from __future__ import annotations

from pydantic import BaseModel, Field


class DbtColumn(BaseModel):
    """A column as a properties file (`models[].columns[]`) documents it."""

    name: str
    data_type: str | None = None
    tests: list[str] = Field(default_factory=list)  # generic test names (`tests:` or `data_tests:`)
    locator: str  # the `- name:` line in the properties file


class SelectedColumn(BaseModel):
    """A column of a model's final select, with the line that names it."""

    name: str
    locator: str


class DbtModel(BaseModel):
    """One dbt model: its SQL file and its properties entry, either of which may be missing.

    `selected` is None when the final select's columns cannot be read statically (a `select *` from a
    source, a Jinja loop or macro producing columns, SQL the parser does not read); `unresolved` says why.
    """

    name: str
    project: str  # the folder holding dbt_project.yml ("" at the root)
    sql_path: str | None = None
    selected: list[SelectedColumn] | None = None
    unresolved: str | None = None
    doc_path: str | None = None
    doc_locator: str | None = None  # the model's `- name:` line in the properties file
    documented: list[DbtColumn] | None = None  # None: no properties entry (or a versioned one)
    enforced: bool = False  # `config.contract.enforced` in the properties file or the model's config()


class DbtUnreadable(BaseModel):
    """A YAML file under a dbt project's model paths that does not parse: dbt stops on it too."""

    path: str
    why: str
    line: int | None = None  # where the parser stopped
