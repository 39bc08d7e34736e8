"""`isinstance` against a `typing.Protocol` without `@runtime_checkable`. The first case is the shape of
explodinggradients/ragas PR #1908 (Apache-2.0): `ModeMetric` in `metrics/base.py`, checked in
`evaluation.py`; the others are my own."""

from __future__ import annotations

import textwrap

from custody.agents.code_checks.protocols import static_protocol_checks

BASE = """
    import typing as t


    class ModeMetric(t.Protocol):
        name: str
        mode: str
"""
EVALUATION = """
    from ragas.metrics.base import (
        Metric,
        ModeMetric,
    )


    def evaluate(metrics, results):
        s = {}
        for j, m in enumerate(metrics):
            if isinstance(m, ModeMetric):  # type: ignore
                key = f"{m.name}(mode={m.mode})"
            else:
                key = m.name
            s[key] = results[j]
        return s
"""


def run(files: dict[str, str], added: dict[str, set[int]] | None = None) -> list[tuple[str, str, int | None]]:
    texts = {p: textwrap.dedent(t) for p, t in files.items()}
    lines = added if added is not None else {p: set(range(1, t.count("\n") + 2)) for p, t in texts.items()}
    return [(h.path, h.subject, h.line) for h in static_protocol_checks(texts, lines)]


def test_isinstance_against_a_protocol_imported_from_another_changed_file() -> None:
    hits = run({"src/ragas/metrics/base.py": BASE, "src/ragas/evaluation.py": EVALUATION})
    assert hits == [("src/ragas/evaluation.py", "ModeMetric", 11)]


def test_a_runtime_checkable_protocol_is_fine() -> None:
    base = BASE.replace("    class ModeMetric", "    @t.runtime_checkable\n    class ModeMetric")
    assert run({"src/ragas/metrics/base.py": base, "src/ragas/evaluation.py": EVALUATION}) == []
    called = "from typing import Protocol, runtime_checkable\n@runtime_checkable()\nclass P(Protocol):\n    x: int\n" \
             "ok = issubclass(int, (str, P))\n"
    assert run({"m.py": called}) == []


def test_same_file_tuple_and_subscripted_protocol() -> None:
    text = """
        from typing import Generic, Protocol, TypeVar

        T = TypeVar("T")


        class Reader(Protocol[T]):
            def read(self) -> T: ...


        def load(x):
            return issubclass(type(x), (dict, Reader))
    """
    assert run({"io.py": text}) == [("io.py", "Reader", 12)]


def test_only_added_lines_and_only_protocols_themselves() -> None:
    files = {"src/ragas/metrics/base.py": BASE, "src/ragas/evaluation.py": EVALUATION}
    assert run(files, {"src/ragas/evaluation.py": {13}}) == []  # the check line is not added
    concrete = "from a.b import ModeMetric\nclass Impl(ModeMetric):\n    pass\n\nok = isinstance(1, Impl)\n"
    assert run({"a/b.py": BASE, "c.py": concrete}) == []  # a class implementing a protocol is concrete
    unknown = EVALUATION.replace("ragas.metrics.base", "elsewhere.base")
    assert run({"src/ragas/metrics/base.py": BASE, "src/ragas/evaluation.py": unknown}) == []
