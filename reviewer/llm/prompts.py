"""Versioned prompt templates from the `custody.prompts` package: front matter, then the body."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

PACKAGE = "custody.prompts"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    body: str

    @property
    def ref(self) -> str:
        """The name and version recorded with each review: `judge_criterion@1`."""
        return f"{self.name}@{self.version}"

    def render(self, **values: str) -> str:
        return self.body.format_map(values).strip()


@cache
def load(name: str) -> Prompt:
    """The template `prompts/<name>.md`; its front matter must carry a `version`."""
    text = resources.files(PACKAGE).joinpath(f"{name}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front)
    if not isinstance(meta, dict) or "version" not in meta:
        raise ValueError(f"prompts/{name}.md: no version in its front matter")
    return Prompt(name=name, version=str(meta["version"]), body=body.strip() + "\n")
