"""Local service addresses whose scheme a pull request flips: a line that reached
`http://127.0.0.1:5000` now reaches `https://127.0.0.1:5000`. For each, where else the repository
names the same address (its docs, task runners, configuration) with the old scheme and with the new
one, so a check can tell a client moved away from the server the repository starts from a move both
sides made. Lines that move a local address to another port (`http://localhost:5000` to
`http://localhost:8080`), with where the repository serves the old port and names the new one. And
configuration values a pull request moves from a local service to another host
(`localhost:5432` to `db.svc.cluster.local:5432`) while the docs still set that service up locally."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.readers.code_changes import KeyChange
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import HostMove, PortMove, SchemeFlip
from custody.reviewer.model.evidence.diff import FileChange

URL = re.compile(r"\b(?P<scheme>https?)://(?P<authority>(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?)"
                 r"(?![\w.:-])", re.IGNORECASE)
DOC_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".txt")
MAX_PLACES = 5
# Path words of a configuration for a deployed environment (`deploy/prod/db.yaml`, `k8s/values.yaml`): its hosts
# are the cluster's, and moving them off localhost leaves the docs' local setup alone.
DEPLOYED = re.compile(r"(?i)(?:^|[/._-])(?:prod|production|staging|k8s|kubernetes|helm|charts?|deploy(?:ments?)?"
                      r"|manifests?)(?=$|[/._-])")


def _urls(text: str) -> set[tuple[str, str]]:
    return {(m.group("scheme").lower(), m.group("authority").lower()) for m in URL.finditer(text)}


def _places(address: str, texts: dict[str, str], skip: str) -> list[str]:
    pattern = re.compile(re.escape(address) + r"(?![\w.:-])", re.IGNORECASE)
    out: list[str] = []
    for path, text in texts.items():
        if path == skip:
            continue
        out += [file_locator(path, n) for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    return out[:MAX_PLACES]


def scheme_flips(files: list[FileChange], texts: dict[str, str]) -> list[SchemeFlip]:
    """Flips in changed code (not in docs: a doc's link may move to https on its own), with the other
    places of `texts` (path -> head text) that name the address with either scheme."""
    flips: list[SchemeFlip] = []
    for change in files:
        if change.binary or change.status == "deleted" or change.path.lower().endswith(DOC_SUFFIXES):
            continue
        for line, code, before, after in remembered("endpoint-flips", change.content_key(),
                                                    functools.partial(_flips_in, change)):
            flips.append(SchemeFlip(path=change.path, line=line, code=code, old=before, new=after,
                                    old_elsewhere=_places(before, texts, change.path),
                                    new_elsewhere=_places(after, texts, change.path)))
    return flips


def _flips_in(change: FileChange) -> tuple[tuple[int, str, str, str], ...]:
    """(line, code, old address, new address) of each flip in the change's hunks; once per content."""
    found: list[tuple[int, str, str, str]] = []
    for hunk in change.hunks:
        if not hunk.removed or not hunk.added:  # a flip replaces a line: nothing removed, nothing flipped
            continue
        removed = set().union(*(_urls(line.text) for line in hunk.removed))
        if not removed:
            continue
        kept = set().union(*(_urls(line.text) for line in hunk.added))
        for line in hunk.added:
            for scheme, authority in sorted(_urls(line.text)):
                old = next((s for s, a in removed if a == authority and s != scheme), None)
                if old is None or (old, authority) in kept:
                    continue
                found.append((line.number, line.text.strip()[:160], f"{old}://{authority}", f"{scheme}://{authority}"))
    return tuple(found)


MLFLOW_CONTAINER_PORT = "8080"
BUILD_DOCKER = re.compile(r"\bbuild-docker\b|\bbuild_docker\(")


def port_moves(files: list[FileChange], texts: dict[str, str]) -> list[PortMove]:
    """Changed code lines (not docs) that move a local address to another port, with where `texts`
    (path -> head text; the changed file's own other lines included) reach or serve the old port and where
    they name the new one at all."""
    moves: list[PortMove] = []
    for change in files:
        if change.binary or change.status == "deleted" or change.path.lower().endswith(DOC_SUFFIXES):
            continue
        for line, code, before, after in remembered("endpoint-ports", change.content_key(),
                                                    functools.partial(_port_moves_in, change)):
            old_port, new_port = before.rsplit(":", 1)[1], after.rsplit(":", 1)[1]
            named = _port_places(_number(new_port), texts, change.path, line)
            if new_port == MLFLOW_CONTAINER_PORT:  # the image `mlflow models build-docker` makes listens there
                named += _port_places(BUILD_DOCKER, texts, change.path, line)
            moves.append(PortMove(path=change.path, line=line, code=code, old=before, new=after,
                                  old_served=_port_places(_serving(old_port), texts, change.path, line),
                                  new_named=named[:MAX_PLACES]))
    return moves


def _port_moves_in(change: FileChange) -> tuple[tuple[int, str, str, str], ...]:
    """(line, code, old address, new address) of each port move in the change's hunks; once per content."""
    found: list[tuple[int, str, str, str]] = []
    for hunk in change.hunks:
        if not hunk.removed or not hunk.added:
            continue
        removed = set().union(*(_urls(line.text) for line in hunk.removed))
        kept = set().union(*(_urls(line.text) for line in hunk.added))
        for line in hunk.added:
            for scheme, authority in sorted(_urls(line.text)):
                host, _, port = authority.rpartition(":")
                if not host or not port or (scheme, authority) in removed:
                    continue
                olds = sorted(a for s, a in removed if s == scheme and a.rpartition(":")[0] == host and a != authority
                              and (s, a) not in kept)
                if len(olds) == 1:  # one address replaced by one other: a move, not a list rewritten
                    found.append((line.number, line.text.strip()[:160], f"{scheme}://{olds[0]}",
                                  f"{scheme}://{authority}"))
    return tuple(found)


def _serving(port: str) -> re.Pattern[str]:
    """A local address on the port, or a command option that serves or publishes it (`-p 5000`,
    `--port=5000`, `-p 5000:5000`)."""
    return re.compile(rf"(?:\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0)|\[::1\]):{port}(?!\d)"
                      rf"|(?:^|[\s`'\"(])(?:-p|--port|--publish)(?:\s+|=)(?:[\d.]+:)?{port}(?![\d.])", re.IGNORECASE)


def _number(port: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){port}(?![\w])")


def _port_places(pattern: re.Pattern[str], texts: dict[str, str], path: str, line: int) -> list[str]:
    """Where `pattern` matches in `texts`, but for the changed line itself."""
    out: list[str] = []
    for where, text in texts.items():
        out += [file_locator(where, n) for n, row in enumerate(text.splitlines(), 1)
                if (where, n) != (path, line) and pattern.search(row)]
    return out[:MAX_PLACES]


# `host:port` in a value: a literal host, or a `${VAR}` / `${VAR:-default}` / `${VAR:=default}` reference.
HOST_PORT = re.compile(r"(?:^|(?<=[@/\s\"'=(,]))(?P<host>\$\{(?P<var>[A-Za-z_]\w*)(?::?[-=](?P<default>[^}]*))?\}"
                       r"|\[::1\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(?P<port>\d{2,5})(?!\d)")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "[::1]"}


def _hosts(value: str) -> dict[str, tuple[str, str | None]]:
    """port -> (host as written, the variable it reads when it is one) of each `host:port` in a value."""
    out: dict[str, tuple[str, str | None]] = {}
    for match in HOST_PORT.finditer(value):
        out.setdefault(match["port"], (match["host"], match["var"]))
    return out


def _local(host: str) -> bool:
    match = HOST_PORT.fullmatch(host + ":80")
    default = match["default"] if match and match["var"] else None
    return host.lower() in LOCAL_HOSTS or (default is not None and default.strip().lower() in LOCAL_HOSTS)


def _serves_locally(port: str, texts: dict[str, str], skip: str) -> list[str]:
    """Where the docs and run files reach or publish the port on this machine (`localhost:5432`,
    `docker run -p 5432:5432`)."""
    pattern = re.compile(rf"(?:\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0)|\[::1\]):{port}(?!\d)"
                         rf"|(?:^|\s)(?:-p|--publish)[\s=]+(?:[\d.]+:)?{port}:\d+(?!\d)", re.IGNORECASE)
    out: list[str] = []
    for path, text in texts.items():
        if path != skip:
            out += [file_locator(path, n) for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    return out[:MAX_PLACES]


def _kept_elsewhere(change: KeyChange, address: str, configs: dict[str, str]) -> bool:
    """Whether another configuration still gives the key (by its last name) the local address: the PR then
    changes one environment's value, and the local one stays where the docs' setup reads it."""
    leaf = re.compile(rf"(?<![\w-]){re.escape(change.leaf)}(?![\w-])")
    return any(address in line and leaf.search(line) for path, text in configs.items() if path != change.path
               for line in text.splitlines())


def host_moves(changes: list[KeyChange], texts: dict[str, str],
               configs: Callable[[], dict[str, str]]) -> list[HostMove]:
    """Configuration values the PR moves from a local service (`localhost:5432`) to another host on the
    same port (`db.svc.cluster.local:5432`, or `${PG_HOST}:5432` with no local default), with where the
    repository's docs and run files (`texts`: path -> head text) serve that port locally. A new host or
    variable the texts name anywhere is left out: the docs then say how to reach it. So is a config of a
    deployed environment (by its path), and a key another of the head's `configs` (path -> text, read only
    when needed) still sets to the local address."""
    out: list[HostMove] = []
    for change in changes:
        if change.old is None or change.new is None or change.path.lower().endswith(DOC_SUFFIXES) \
                or DEPLOYED.search(change.path):
            continue
        before, after = _hosts(change.old), _hosts(change.new)
        for port, (host, var) in sorted(after.items()):
            old = before.get(port)
            if old is None or not _local(old[0]) or _local(host):
                continue
            named = re.compile(rf"(?<![\w.-]){re.escape(var or host)}(?![\w-])")
            if any(named.search(t) for p, t in texts.items() if p != change.path):
                continue
            places = _serves_locally(port, texts, change.path)
            if places and not _kept_elsewhere(change, f"{old[0]}:{port}", configs()):
                out.append(HostMove(path=change.path, line=change.line, key=change.key, old=f"{old[0]}:{port}",
                                    new=f"{host}:{port}", variable=var, local_elsewhere=places))
    return out


def local_address_replaced(files: list[FileChange]) -> bool:
    """Whether a changed line took a local `host:port` away (the only changes `host_moves` can find)."""
    return any(HOST_PORT.search(line.text) and _local_in(line.text)
               for change in files if not change.binary for hunk in change.hunks if hunk.added for line in hunk.removed)


def _local_in(text: str) -> bool:
    return any(_local(m["host"]) for m in HOST_PORT.finditer(text))
