"""A hand-written model client that answers from a script and records every request."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from custody.reviewer.llm.context import estimate_tokens
from custody.reviewer.llm.protocol import ModelAnswer, ModelError, ModelRequest, Usage

CRITERION = re.compile(r"^\[(?P<locator>[^\]]+)\]", re.MULTILINE)
RULE = re.compile(r"^- (?P<id>[\w.\-]+): ", re.MULTILINE)
CITED = re.compile(r"L(?P<n>\d+)\+")
SOURCE = re.compile(r'<untrusted kind="diff" source="(?P<path>[^"]+)"')

Script = Callable[[ModelRequest], "str | ModelError"]


class ScriptedClient:
    """Answers with `script(request)`; bills the prefix as a cache write once, then as cache reads."""

    model = "claude-sonnet-4-6"

    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[ModelRequest] = []
        self.prefixes: set[str] = set()

    def complete(self, request: ModelRequest) -> ModelAnswer:
        self.requests.append(request)
        out = self.script(request)
        if isinstance(out, ModelError):
            raise out
        prefix = estimate_tokens(request.system + request.context)
        warm = request.context in self.prefixes
        self.prefixes.add(request.context)
        return ModelAnswer(text=out, model=self.model, usage=Usage(
            input_tokens=estimate_tokens(request.instruction), output_tokens=estimate_tokens(out),
            cache_read_tokens=prefix if warm else 0, cache_write_tokens=0 if warm else prefix))


def first_diff_line(request: ModelRequest) -> str | None:
    """A locator the request really shows: `path#Ln` of its first added line."""
    path, line = SOURCE.search(request.instruction), CITED.search(request.instruction)
    return f"{path['path']}#L{line['n']}" if path and line else None


def criteria_answer(met: str, citations: Callable[[ModelRequest], list[str]] | None = None) -> Script:
    def script(request: ModelRequest) -> str:
        cited = citations(request) if citations else []
        return json.dumps({"criteria": [
            {"locator": m["locator"], "met": met, "reason": "as planted", "citations": cited}
            for m in CRITERION.finditer(request.instruction)]})
    return script


def rule_answer(citations: Callable[[ModelRequest], list[str]]) -> Script:
    def script(request: ModelRequest) -> str:
        if request.task != "rule_instruction":
            return json.dumps({"criteria": []})
        return json.dumps({"findings": [
            {"rule": m["id"], "subject": "planted", "message": "found by the model", "confidence": 1.0,
             "citations": citations(request)} for m in RULE.finditer(request.instruction)]})
    return script
