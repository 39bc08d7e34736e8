"""What the stand-in serves: repositories, trees at commits, pull requests, issues and writes."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from custody.reviewer.app.standin.limits import Limits
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.scenario import ScenarioError
from custody.reviewer.gather.snapshot import DirSnapshot, MemorySnapshot
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.pull_request import pr_number_problem


def tree_sha(files: dict[str, bytes]) -> str:
    digest = hashlib.sha1()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha1(files[path]).digest())
    return digest.hexdigest()


@dataclass
class Fault:
    """An injected failure: the next `times` requests matching method and path answer `status`."""

    method: str
    path: str  # a regular expression searched in the request path
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # e.g. Retry-After for a secondary limit
    times: int = 1
    message: str | None = None
    # Lost: the request is performed (a write lands) and then the connection drops without an
    # answer, as when GitHub's response is lost on the way back; `status` is then not sent.
    lost: bool = False

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and self.method.upper() == method and re.search(self.path, path) is not None


@dataclass
class PullRequestState:
    number: int
    title: str
    body: str
    author: str
    base_ref: str
    head_ref: str
    base_sha: str
    head_sha: str
    labels: list[str] = field(default_factory=list)
    milestone: str | None = None
    created_at: str = "2026-01-01T00:00:00Z"
    merged_at: str | None = None
    draft: bool = False

    def diff(self, repo: RepoState) -> Diff:
        return diff_snapshots(MemorySnapshot(repo.trees[self.base_sha]), MemorySnapshot(repo.trees[self.head_sha]))


@dataclass
class RepoState:
    full_name: str
    id: int
    installation_id: int
    trees: dict[str, dict[str, bytes]] = field(default_factory=dict)  # commit sha -> files
    pulls: dict[int, PullRequestState] = field(default_factory=dict)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: list[dict[str, Any]] = field(default_factory=list)  # issue comments, any issue
    review_comments: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    check_runs: list[dict[str, Any]] = field(default_factory=list)
    permissions: dict[str, str] = field(default_factory=dict)  # login -> admin|maintain|write|triage|read|none
    mlflow: dict[str, Any] = field(default_factory=dict)  # registry/mlflow.json, served as MLflow REST
    parents: dict[str, str] = field(default_factory=dict)  # commit sha -> its parent (pushes in order)


@dataclass
class World:
    repos: dict[str, RepoState] = field(default_factory=dict)
    next_id: int = 900_000_000
    faults: list[Fault] = field(default_factory=list)  # consumed in order, before any route
    limits: Limits | None = None  # GitHub's rate limits per installation, when set
    # People, for "Sign in with GitHub": login -> the installations they belong to, the OAuth
    # credentials of the App, and who is signed in to the stand-in's github.com (consents at once).
    members: dict[str, set[int]] = field(default_factory=dict)
    oauth_client: tuple[str, str] = ("Iv1.standin00000000", "standin-oauth-secret")
    browser_login: str | None = None
    oauth_codes: dict[str, str] = field(default_factory=dict)  # code -> login
    user_tokens: dict[str, str] = field(default_factory=dict)  # token -> login
    # The App the stand-in serves: `GET /app` answers with it, and everything written with an
    # installation token is written by its bot user, `<slug>[bot]`, as on GitHub.
    app_id: int = 1
    app_slug: str = "custody"

    @property
    def app_login(self) -> str:
        return f"{self.app_slug}[bot]"

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def repo(self, full_name: str) -> RepoState | None:
        return self.repos.get(full_name.lower())

    @classmethod
    def from_scenario(cls, folder: Path, installation_id: int = 1, world: World | None = None) -> World:
        """A scenario folder (scenario.yml, base/, head/, tickets/) served as one repository and PR."""
        world = world or cls()
        spec = yaml.safe_load((folder / "scenario.yml").read_text(encoding="utf-8"))
        base = _files(folder / "base")
        head = _files(folder / "head")
        base_sha, head_sha = tree_sha(base), tree_sha(head)
        if head_sha == base_sha:
            head_sha = hashlib.sha1(head_sha.encode() + b"head").hexdigest()
        repo = world.repos.setdefault(
            str(spec["repo"]).lower(), RepoState(str(spec["repo"]), world.new_id(), installation_id)
        )
        repo.trees[base_sha] = base
        repo.trees[head_sha] = head
        created = spec.get("created_at")
        problem = pr_number_problem(spec.get("number") if isinstance(spec, dict) else None)
        if problem is not None:  # served, it would be a PR that GitHub, the webhook and the evidence all refuse
            raise ScenarioError(f"{folder / 'scenario.yml'}: number: {problem}")
        number = int(spec["number"])
        repo.pulls[number] = PullRequestState(
            number=number, title=str(spec.get("title") or ""), body=str(spec.get("body") or ""),
            author=str(spec.get("author") or "octocat"), base_ref=str(spec.get("base_branch") or "main"),
            head_ref=str(spec.get("head_branch") or f"pr-{number}"), base_sha=base_sha, head_sha=head_sha,
            labels=[str(x) for x in spec.get("labels") or []], milestone=spec.get("milestone"),
            created_at=_iso(created) if created else "2026-01-01T00:00:00Z",
            merged_at=_iso(spec["merged_at"]) if spec.get("merged_at") else None,
        )
        repo.permissions.setdefault(str(spec.get("author") or "octocat"), "write")
        registry = folder / "registry" / "mlflow.json"
        if registry.is_file():
            repo.mlflow = json.loads(registry.read_text(encoding="utf-8"))
        tickets = folder / "tickets"
        if tickets.is_dir():
            for path in sorted(tickets.glob("*.json")):
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and isinstance(data.get("number"), int):
                    repo.issues[data["number"]] = data
        return world

    def push(self, full_name: str, number: int, files: dict[str, bytes]) -> str:
        """A new head commit on the PR's branch (what a `synchronize` delivery announces)."""
        repo = self.repos[full_name.lower()]
        sha = tree_sha(files)
        repo.trees[sha] = files
        previous = repo.pulls[number].head_sha
        if sha != previous:
            repo.parents.setdefault(sha, previous)
        repo.pulls[number].head_sha = sha
        return sha

    def reset(self) -> None:
        """Forget everything written through the API (comments, reviews, check runs) and any faults."""
        for repo in self.repos.values():
            repo.comments.clear()
            repo.review_comments.clear()
            repo.reviews.clear()
            repo.check_runs.clear()
        self.faults.clear()

    def pull_request_info(self, full_name: str, number: int) -> dict[str, Any]:
        pr = self.repos[full_name.lower()].pulls[number]
        return {"title": pr.title, "body": pr.body, "author": pr.author, "head_ref": pr.head_ref,
                "head_sha": pr.head_sha, "base_ref": pr.base_ref, "base_sha": pr.base_sha}


def _files(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    snapshot = DirSnapshot(root)
    return {p: snapshot.read_bytes(p) or b"" for p in snapshot.paths()}


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)
