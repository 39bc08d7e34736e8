"""Notebook code cells as a module with a line map, on a notebook written for this test."""

from __future__ import annotations

import ast
import json

from custody.reviewer.gather.readers.notebooks import notebook_code


def notebook(*cells: tuple[str, list[str]]) -> str:
    return json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": source, "outputs": []}
                                 for kind, source in cells], "nbformat": 4, "nbformat_minor": 5}, indent=1)


def test_code_cells_with_their_notebook_lines() -> None:
    text = notebook(("markdown", ["# Title\n"]),
                    ("code", ["import numpy as np\n", "%matplotlib inline\n", "x = np.ones(3)\n"]),
                    ("code", ["!pip install foo\n", "y = x * 2"]))
    code = notebook_code(text)
    assert code is not None
    ast.parse(code.source)
    lines = text.splitlines()
    module = code.source.splitlines()
    x_line = module.index("x = np.ones(3)") + 1
    assert "x = np.ones(3)" in lines[(code.notebook_line(x_line) or 0) - 1]
    y_line = module.index("y = x * 2") + 1
    assert "y = x * 2" in lines[(code.notebook_line(y_line) or 0) - 1]
    assert "%matplotlib" not in code.source


def test_not_a_notebook() -> None:
    assert notebook_code("{not json") is None
    assert notebook_code('{"a": 1}') is None


def test_cells_that_do_not_parse_are_blanked_and_magics_keep_their_block() -> None:
    text = notebook(("code", ["try:\n", "    %tensorflow_version 2.x\n", "except Exception:\n", "    pass\n"]),
                    ("code", ["%%bash\n", "ls -la\n"]),
                    ("code", ["print 'python 2'\n"]),
                    ("code", ["z = 1\n"]))
    code = notebook_code(text)
    assert code is not None
    ast.parse(code.source)
    assert "ls -la" not in code.source and "python 2" not in code.source and "z = 1" in code.source
