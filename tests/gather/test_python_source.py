"""`parse_python` behaves as `ast.parse` does. The race it prevents (CPython 3.11's shared AST depth
counter) only shows under real load: the load-and-faults test asserts that no agent failed."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.python_source import parse_python


def test_errors_are_the_ones_ast_parse_raises() -> None:
    with pytest.raises(SyntaxError):
        parse_python("def (:", "bad.py")
    with pytest.raises(SyntaxError, match="null bytes"):
        parse_python("x = 1\x00", "nul.py")
