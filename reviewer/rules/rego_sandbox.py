"""Rego policies evaluated in a warm child process, so a runaway or crashing policy costs one rule, not the worker."""

from __future__ import annotations

import atexit
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

TIMEOUT_ENV = "CUSTODY_REGO_TIMEOUT_SECONDS"
DEFAULT_TIMEOUT_SECONDS = 2.0
# A fresh child imports Python and the engine (~0.1 s); a loaded CI machine may take far longer.
STARTUP_SECONDS = 30.0
# Warm children kept per process: one per thread that reviews at the same time, up to this many.
MAX_IDLE_CHILDREN = 2
# A child whose parent died mid-evaluation ends itself this long after the parent would have stopped it.
ORPHAN_GRACE_SECONDS = 5.0
READY = b'"ready"'


class RegoPolicyError(ValueError):
    """A policy does not compile or evaluate (the engine answered, with an error)."""


@dataclass(frozen=True)
class RegoCall:
    """One rule's policy and the params it sees as `data.params`."""

    policy: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RegoResult:
    """The `deny` set of one policy, or why there is none: `problem` reads after "rule X: "."""

    denials: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None


def timeout_seconds() -> float:
    """Seconds one policy may run, from CUSTODY_REGO_TIMEOUT_SECONDS (default 2)."""
    raw = os.environ.get(TIMEOUT_ENV, "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_TIMEOUT_SECONDS
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS
    return value if value > 0 else DEFAULT_TIMEOUT_SECONDS


def evaluate_in_process(policy: str, input_json: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every element of `deny` in the policy's package, here and now: only for trusted or empty input."""
    import regopy

    package = next((ln.split()[1] for ln in policy.splitlines() if ln.strip().startswith("package ")), None)
    if package is None:
        raise RegoPolicyError("Rego: the policy declares no package")
    from regopy.rego_shared import (
        rego_free_output,
        rego_output_expressions_at_index,
        rego_output_ok,
        rego_output_string,
        rego_query,
    )

    try:
        rego = regopy.Interpreter()
        rego.add_module("rule.rego", policy)
        rego.add_data_json(json.dumps({"params": params}))
        rego.set_input_term(input_json)
        # Not `rego.query()`: regopy parses the engine's JSON text, which is invalid when a trim builtin made
        # a string holding `"` or `\` (see _string_value). The result is read node by node instead.
        output = rego_query(rego._impl, f"data.{package}.deny")
    except Exception as exc:
        raise RegoPolicyError(rego_message(str(exc), policy)) from exc
    try:
        if not rego_output_ok(output):
            raise RegoPolicyError(rego_message(rego_output_string(output), policy))
        if rego_output_string(output) == "undefined":
            raise RegoPolicyError(rego_message("Expecting value", policy))
        terms = _node_value(rego_output_expressions_at_index(output, 0))
    finally:
        rego_free_output(output)
    denials = terms[0] if isinstance(terms, list) and terms else []
    if not isinstance(denials, list):
        raise RegoPolicyError("Rego: `deny` must be a set of objects (or strings)")
    return [item if isinstance(item, dict) else {"msg": str(item)} for item in denials]


def _node_value(node: Any) -> Any:
    """One node of the engine's result tree as plain Python (sets become lists)."""
    from regopy.rego_shared import NodeKind, rego_node_get, rego_node_size, rego_node_type, rego_node_value

    kind = rego_node_type(node)
    children = [rego_node_get(node, i) for i in range(rego_node_size(node))]
    if kind in (NodeKind.Term, NodeKind.Scalar):
        return _node_value(children[0])
    if kind == NodeKind.Object:
        items = [[rego_node_get(item, i) for i in range(rego_node_size(item))] for item in children]
        return {str(_node_value(key)): _node_value(value) for key, value in items}
    if kind in (NodeKind.Array, NodeKind.Set, NodeKind.Terms):
        return [_node_value(child) for child in children]
    text = rego_node_value(node)
    if kind == NodeKind.String:
        return _string_value(text)
    if kind == NodeKind.Int:
        return int(text)
    if kind == NodeKind.Float:
        return float(text)
    if kind == NodeKind.Boolean:
        return text == "true"
    if kind == NodeKind.Null:
        return None
    raise RegoPolicyError(f"Rego: the engine gave a value of kind {NodeKind(kind).name}")


def _string_value(text: str) -> str:
    """A string node's text, which the engine keeps JSON-escaped, except for what `trim`, `trim_left`,
    `trim_right` and `trim_space` make (rego-cpp 1.5 stores their result unescaped). Text that is not a valid
    escaped string, such as one holding a bare `"`, is such a result and is taken as it stands."""
    try:
        value = json.loads(f'"{text}"')
    except ValueError:
        return text
    return value if isinstance(value, str) else text


def rego_message(engine_text: str, policy: str) -> str:
    """The engine's error (an S-expression naming byte offsets) as "Rego: what, at line L, column C"."""
    messages = re.findall(r"\(errormsg \d+:([^)]*)\)", engine_text)
    offsets = [int(m) for m in re.findall(r"rule\.rego\|(\d+)\|", engine_text)]
    if not messages:
        if "Expecting value" in engine_text:
            return "Rego: the policy does not evaluate (an unknown function, or a value of the wrong type?)"
        return f"Rego: {' '.join(engine_text.split())[:200]}"
    where = ""
    if offsets:
        before = policy.encode("utf-8")[: offsets[0]].decode("utf-8", "replace")
        where = f" at line {before.count(chr(10)) + 1}, column {len(before) - before.rfind(chr(10))} of the policy"
    return f"Rego: {messages[0].strip()}{where}"


def evaluate_isolated(calls: Sequence[RegoCall], document: dict[str, Any],
                      timeout: float | None = None) -> list[RegoResult]:
    """Evaluate each policy against `document` in a child process, at most `timeout` seconds each."""
    if not calls:
        return []
    return _SANDBOX.evaluate(calls, json.dumps(document), timeout if timeout is not None else timeout_seconds())


# -- the parent's side -----------------------------------------------------------------------------

class _ChildGone(Exception):
    """The child closed its end: it crashed, was killed, or could not start."""


class _Child:
    """One `python -m custody.reviewer.rules.rego_sandbox`, spoken to in JSON lines over its stdin and stdout."""

    def __init__(self) -> None:
        # A fresh interpreter rather than a fork: no copied threads or locks, and no rule about daemonic parents.
        self.process = subprocess.Popen([sys.executable, "-m", "custody.reviewer.rules.rego_sandbox"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.owner = os.getpid()
        self._buffer = bytearray()
        self._selector = selectors.DefaultSelector()
        assert self.process.stdout is not None
        self._selector.register(self.process.stdout, selectors.EVENT_READ)

    def alive(self) -> bool:
        return self.owner == os.getpid() and self.process.poll() is None

    def send(self, data: bytes) -> None:
        assert self.process.stdin is not None
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.process.stdin.fileno(), view):]
        except OSError as exc:  # BrokenPipeError: it died before reading
            raise _ChildGone from exc

    def receive(self, seconds: float) -> bytes | None:
        """The next line, None after `seconds` without one."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + seconds
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                return None
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise _ChildGone
            self._buffer += chunk
        line, _, rest = bytes(self._buffer).partition(b"\n")
        self._buffer = bytearray(rest)
        return line

    def death(self) -> str:
        """How it ended, for the reader: a signal name or an exit code."""
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"

    def kill(self) -> None:
        if self.owner == os.getpid() and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.close()

    def close(self) -> None:
        self._selector.close()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class _Sandbox:
    """Warm children, each serving one review at a time; a stuck or crashed one is killed and replaced."""

    def __init__(self) -> None:
        self._idle: list[_Child] = []
        self._lock = threading.Lock()

    def evaluate(self, calls: Sequence[RegoCall], document_json: str, timeout: float) -> list[RegoResult]:
        results: list[RegoResult] = []
        while len(results) < len(calls):
            results += self._run(calls[len(results):], document_json, timeout)
        return results

    def _run(self, calls: Sequence[RegoCall], document_json: str, timeout: float) -> list[RegoResult]:
        """Results for a prefix of `calls`: all of them, or up to and including one that hung or crashed."""
        child = self._take()
        if child is None:
            return [RegoResult(problem="the Rego policy engine could not be started")] * len(calls)
        header = {"rules": [{"policy": c.policy, "params": c.params} for c in calls],
                  "hard_limit": timeout + ORPHAN_GRACE_SECONDS}
        results: list[RegoResult] = []
        try:
            child.send(json.dumps(header).encode() + b"\n" + document_json.encode() + b"\n")
            for _ in calls:
                line = child.receive(timeout)
                if line is None:
                    child.kill()
                    return [*results, RegoResult(problem=f"its Rego policy took longer than {timeout:g} s "
                                                         "and was stopped")]
                results.append(_result_of(line))
        except _ChildGone:
            how = child.death()
            child.kill()
            return [*results, RegoResult(problem=f"its Rego policy crashed the policy engine ({how})")]
        self._give_back(child)
        return results

    def _take(self) -> _Child | None:
        with self._lock:
            while self._idle:
                child = self._idle.pop()
                if child.alive():
                    return child
                child.kill()
        try:
            child = _Child()
        except OSError:
            return None
        try:
            if child.receive(STARTUP_SECONDS) == READY:
                return child
        except _ChildGone:
            pass
        child.kill()
        return None

    def _give_back(self, child: _Child) -> None:
        with self._lock:
            if len(self._idle) < MAX_IDLE_CHILDREN and child.alive():
                self._idle.append(child)
                return
        child.kill()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for child in idle:
            child.kill()

    def forget_after_fork(self) -> None:
        # The children belong to the parent, which still talks to them: drop our copies of the pipes, kill nothing.
        for child in self._idle:
            child.close()
        self._idle = []
        self._lock = threading.Lock()


def _result_of(line: bytes) -> RegoResult:
    reply = json.loads(line)
    if "error" in reply:
        return RegoResult(problem=str(reply["error"]))
    return RegoResult(denials=list(reply["denials"]))


_SANDBOX = _Sandbox()
atexit.register(_SANDBOX.close)
os.register_at_fork(after_in_child=_SANDBOX.forget_after_fork)


# -- the child's side ------------------------------------------------------------------------------

class _Watchdog:
    """Ends the child if one policy outlives its hard limit: the parent that should have killed it is gone."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        threading.Thread(target=self._watch, name="rego-watchdog", daemon=True).start()

    def _watch(self) -> None:
        while True:
            time.sleep(0.5)
            deadline = self.deadline
            if deadline is not None and time.monotonic() > deadline:
                os._exit(3)


def _serve() -> None:
    # The protocol owns the real stdout; anything the engine prints goes to stderr instead.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which then closes our stdin
    import regopy  # noqa: F401  # load the engine before saying ready, so no policy pays for it

    watchdog = _Watchdog()
    requests = sys.stdin.buffer
    replies.write(READY + b"\n")
    replies.flush()
    while header := requests.readline():
        request = json.loads(header)
        document = requests.readline().decode()
        for rule in request["rules"]:
            watchdog.deadline = time.monotonic() + float(request["hard_limit"])
            try:
                reply: dict[str, Any] = {"denials": evaluate_in_process(rule["policy"], document, rule["params"])}
            except RegoPolicyError as exc:
                reply = {"error": str(exc)}
            except Exception as exc:  # anything else is still this rule's problem, not the next one's
                reply = {"error": f"Rego: {type(exc).__name__}: {str(exc)[:200]}"}
            watchdog.deadline = None
            replies.write(json.dumps(reply).encode() + b"\n")
            replies.flush()


if __name__ == "__main__":
    _serve()
