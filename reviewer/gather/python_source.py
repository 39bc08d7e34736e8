"""Parse Python source safely from worker threads.

CPython 3.11's AST constructor keeps its recursion depth in shared state: two threads parsing at
once can fail with "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905).
Reviews run agents in threads, so every parse goes through one lock; parses are short.
"""

from __future__ import annotations

import ast
import threading

_PARSING = threading.Lock()


def parse_python(text: str, filename: str = "<unknown>") -> ast.Module:
    """`ast.parse`, one thread at a time; raises what it raises (SyntaxError, also for NUL bytes)."""
    with _PARSING:
        return ast.parse(text, filename=filename)
