"""Citations, skips and degradations: frozen values with a closed set of artifact kinds."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.common import Citation, Degraded, Skipped, file_locator, locator_line
from pydantic import ValidationError


@pytest.mark.parametrize(("line", "expected"), [(12, "train.py#L12"), (None, "train.py"), (0, "train.py")])
def test_a_file_locator_names_a_line_only_when_there_is_one(line: int | None, expected: str) -> None:
    assert file_locator("train.py", line) == expected


@pytest.mark.parametrize(("locator", "expected"), [("docs/a.md#L12", 12), ("train.py", None), (None, None),
                                                   ("a.md#Lx", None), ("a.md#heading", None)])
def test_the_line_a_locator_names(locator: str | None, expected: int | None) -> None:
    assert locator_line(locator) == expected
    if expected is not None:
        assert locator_line(file_locator("docs/a.md", expected)) == expected


def test_citations_are_values_usable_as_set_members_and_cannot_be_changed() -> None:
    one = Citation(artifact="diff", locator="train.py#L3")
    assert {one, Citation(artifact="diff", locator="train.py#L3")} == {one}
    with pytest.raises(ValidationError, match="frozen"):
        one.locator = "x"  # type: ignore[misc]


def test_an_artifact_kind_outside_the_list_is_refused() -> None:
    with pytest.raises(ValidationError, match="artifact"):
        Citation.model_validate({"artifact": "slack", "locator": "#general"})


def test_skips_and_degradations_round_trip_and_hash_by_value() -> None:
    degraded = Degraded(what="rule hygiene.unpinned-dependency", why="its CEL does not compile",
                        where=".github/custody.yml:12")
    assert Degraded.model_validate_json(degraded.model_dump_json()) == degraded
    assert Degraded(what="hygiene agent", why="crashed").where is None
    assert len({Skipped(what="tickets", why="none linked"), Skipped(what="tickets", why="none linked")}) == 1
    with pytest.raises(ValidationError):
        Skipped.model_validate({"what": "tickets"})
