"""A keyword passed to an overridable method that a subclass's override does not take. The first case
is the shape of janezd/baycomp PR #9 (MIT; fixed upstream by PR #10); the others are my own."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.dispatch import override_keywords

BAYCOMP = """
    class Test:
        def __new__(cls, x, y, rope=0, *, nsamples=50000, random_state=None, **kwargs):
            return Posterior(cls.sample(x, y, rope, nsamples=nsamples, random_state=random_state, **kwargs))

        @classmethod
        def sample(cls, x, y, rope=0, nsamples=50000, **kwargs):
            pass


    class SignTest(Test):
        @classmethod
        def sample(cls, x, y, rope=0, *, prior=1, nsamples=50000):
            return x


    class SignedRankTest(Test):
        @classmethod
        def sample(cls, x, y, rope=0, *, prior=0.5, nsamples=50000, random_state=None):
            return x
"""


def run(source: str, added: set[int] | None = None) -> list[tuple[str, int | None, str]]:
    text = textwrap.dedent(source)
    lines = added if added is not None else set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line, h.message) for h in override_keywords("m.py", ast.parse(text), lines)]


def test_a_keyword_one_override_does_not_take() -> None:
    hits = run(BAYCOMP)
    assert [(s, line) for s, line, _ in hits] == [("random_state", 4)]
    assert "`SignTest.sample` (line 13)" in hits[0][2] and "SignedRankTest" not in hits[0][2]


def test_only_when_the_call_or_the_override_is_added() -> None:
    assert run(BAYCOMP, added={20}) == []
    assert [s for s, _, _ in run(BAYCOMP, added={13})] == ["random_state"]


def test_overrides_taking_the_keyword_or_kwargs_or_owning_the_caller_are_fine() -> None:
    assert run(BAYCOMP.replace("nsamples=50000):", "nsamples=50000, **kw):")) == []
    text = """
        class Base:
            def run(self):
                return self.step(k=1)

            def step(self, k):
                return k


        class Own(Base):
            def run(self):
                return self.step()

            def step(self):
                return 0
    """
    assert run(text) == []
