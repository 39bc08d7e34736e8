"""Parameters a change adds and never reads, on real changes of the real-world benchmark:
scikit-learn-contrib/category_encoders PR #398 (BSD-3-Clause; `input_features` added to
`get_feature_names_out` and ignored) and PR #479 (`index_start`, added and used), and skorch-dev/skorch
PR #971 (BSD-3-Clause; `use_caching` added to `NeuralNet`). Each scenario's NOTES.md names the commits its
base/ and head/ trees were taken at."""

from __future__ import annotations

from custody.reviewer.gather.readers.unread_parameters import unread_parameters
from custody.reviewer.model.evidence.diff import FileChange

from tests.helpers import REPO

REALWORLD = REPO / "benchmark" / "realworld"
FEATURE_NAMES = REALWORLD / "rw14-ce-04-feature-names-out-partial"
ORDINAL = REALWORLD / "rw14-ce-01-ordinal-index-start"
SKORCH = REALWORLD / "rw14-skorch-01-global-caching-override"


def unread(folder_: object, *paths: str, status: str = "modified",
           base_override: dict[str, str] | None = None) -> list[tuple[str, str, bool]]:
    folder = REALWORLD / str(folder_)
    heads = {p: (folder / "head" / p).read_text() for p in paths}
    bases = {p: (folder / "base" / p).read_text() for p in paths if (folder / "base" / p).exists()}
    bases.update(base_override or {})
    changes = [FileChange(path=p, status=status) for p in paths]  # type: ignore[arg-type]
    return [(u.function, u.parameter, u.new_function) for u in unread_parameters(changes, bases.get, heads)]


def test_a_parameter_added_to_a_method_and_never_read_is_found() -> None:
    assert unread(FEATURE_NAMES.name, "category_encoders/utils.py", "category_encoders/quantile_encoder.py") == [
        ("BaseEncoder.get_feature_names_out", "input_features", False),
        ("SummaryEncoder.get_feature_names_out", "input_features", False)]


def test_the_line_is_the_head_def() -> None:
    heads = {"category_encoders/utils.py": (FEATURE_NAMES / "head/category_encoders/utils.py").read_text()}
    base = (FEATURE_NAMES / "base/category_encoders/utils.py").read_text()
    [item] = unread_parameters([FileChange(path="category_encoders/utils.py", status="modified")],
                               lambda _: base, heads)
    assert heads["category_encoders/utils.py"].splitlines()[item.line - 1].strip().startswith(
        "def get_feature_names_out(self, input_features=None)")


def test_a_parameter_added_and_used_is_not_reported() -> None:
    # `index_start` reaches `ordinal_encoding(...)` and the range it builds.
    assert unread(ORDINAL.name, "category_encoders/ordinal.py") == []


def test_a_parameter_only_stored_on_the_instance_counts_as_read_here() -> None:
    # `NeuralNet.__init__` stores `use_caching`; whether the attribute is read is the dead-parameter reader's job.
    assert unread(SKORCH.name, "skorch/net.py", "skorch/callbacks/scoring.py") == []


def test_parameters_the_base_already_had_are_not_the_change_s() -> None:
    head = "category_encoders/utils.py"
    same = {head: (FEATURE_NAMES / "head" / head).read_text()}
    assert unread(FEATURE_NAMES.name, head, base_override=same) == []


def test_in_an_added_file_every_function_is_new() -> None:
    found = unread(FEATURE_NAMES.name, "category_encoders/utils.py", status="added")
    assert ("BaseEncoder.get_feature_names_out", "input_features", True) in found
    # fit(X, y=None, **kwargs) reads neither y nor kwargs in some encoders; a new file reports every such name
    assert all(new for _, _, new in found)
    # the abstract `_fit(self, X, y, **kwargs)` leaves its parameters to the overrides
    assert not any(function.endswith("._fit") for function, _, _ in found)


def test_tests_are_not_read() -> None:
    assert unread(FEATURE_NAMES.name, "tests/test_feature_names.py", status="added") == []
