"""Regenerate the evidence field table of docs/rules.md from the pydantic schema: `python docs/gen_evidence_fields.py`."""

from __future__ import annotations

import re
from pathlib import Path

from custody.reviewer.rules.schemas import evidence_fields_markdown

DOC = Path(__file__).with_name("rules.md")
START, END = "<!-- evidence-fields:start -->", "<!-- evidence-fields:end -->"


def render(text: str) -> str:
    block = f"{START}\n{evidence_fields_markdown()}\n{END}"
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.DOTALL)


if __name__ == "__main__":
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
