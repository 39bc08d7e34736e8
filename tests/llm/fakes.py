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


def units_of(request: ModelRequest) -> list[str]:
    line = next(x for x in request.instruction.splitlines() if x.startswith("Units: "))
    return line.removeprefix("Units: ").split(", ")


def diff_lines(request: ModelRequest, unit: str) -> list[str]:
    """Locators the request really shows for a file unit: `path#Ln` of its added lines."""
    block = request.instruction.split(f'<untrusted kind="diff" source="{unit}">', 1)
    body = block[1].split("</untrusted>", 1)[0] if len(block) > 1 else ""
    return [f"{unit}#L{m['n']}" for m in CITED.finditer(body)]


def answer(criteria: Callable[[ModelRequest, str], list[dict[str, object]]] | None = None,
           findings: Callable[[ModelRequest, str], list[dict[str, object]]] | None = None) -> Script:
    """A well-formed batch answer, one entry per unit asked, built by the callbacks."""
    def script(request: ModelRequest) -> str:
        return json.dumps({"units": [
            {"unit": u, "criteria": criteria(request, u) if criteria else [],
             "findings": findings(request, u) if findings else []} for u in units_of(request)]})
    return script


def criteria_answer(met: str, citations: Callable[[ModelRequest, str], list[str]] | None = None) -> Script:
    def verdicts(request: ModelRequest, unit: str) -> list[dict[str, object]]:
        cited = citations(request, unit) if citations else []
        return [{"locator": m["locator"], "met": met, "reason": "as planted", "citations": cited}
                for m in CRITERION.finditer(request.context)]
    return answer(criteria=verdicts)


def rule_answer(citations: Callable[[ModelRequest, str], list[str]]) -> Script:
    def hits(request: ModelRequest, unit: str) -> list[dict[str, object]]:
        return [{"rule": m["id"], "subject": "planted", "message": "found by the model", "confidence": 1.0,
                 "citations": citations(request, unit)} for m in RULE.finditer(request.context)]
    return answer(findings=hits)
