"""`custody demo`: the whole path end to end on embedded defaults, against a GitHub stand-in."""

from __future__ import annotations

from custody.reviewer.app.demo.run import run_demo

__all__ = ["run_demo"]
