"""What a project's Markdown docs state of named values (`vocab_size=50257`, "`lr` is 0.001"),
for the names a pull request changes in code. Only explicit statements are read: a name in a code
span with its value, the way design_params reads prose."""

from __future__ import annotations

from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.gather.readers.design_params import params_from_text
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import PlannedParam


def doc_values(docs: dict[str, str], names: set[str]) -> list[PlannedParam]:
    """Statements in `docs` (path -> Markdown text) of a value for one of `names`, matched by the
    normalised name or the last part of a dotted key."""
    wanted = {normalize_name(n) for n in names}
    out: list[PlannedParam] = []
    for path, text in docs.items():
        for key, value, line in params_from_text(text):
            if normalize_name(key.rsplit(".", 1)[-1]) in wanted:
                out.append(PlannedParam(key=key, value=value.strip("'\""), locator=file_locator(path, line)))
    return out
