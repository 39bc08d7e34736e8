"""From a registered version to the code that made it: its run's git commit and repository."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The tags MLflow sets on a run started from a git checkout, then the ones teams set by hand.
COMMIT_TAGS = ("mlflow.source.git.commit", "git_commit", "git_sha", "commit")
REPO_TAGS = ("mlflow.source.git.repoURL", "mlflow.source.git.repoUrl", "git_repo", "repository", "repo")
SHA = re.compile(r"\b[0-9a-f]{40}\b")
TAGGED_SHA = re.compile(r"[0-9a-f]{7,40}")  # a tag may hold an abbreviated sha; GitHub resolves it
GITHUB_REPO = re.compile(r"""
    (?:github\.com[:/]|^)            # an https or ssh remote, or a bare owner/name
    (?P<owner>[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})
    /(?P<name>[A-Za-z0-9._-]{1,100}?)
    (?:\.git)?/?$""", re.VERBOSE)


@dataclass(frozen=True)
class Trace:
    run_id: str | None
    commit: str | None
    repo: str | None  # owner/name
    where: str  # where the commit was found, for the report
    registered_by: str | None = None  # the version's user_id: who registered it (not who moved the alias)
    trained_by: str | None = None  # the run's mlflow.user tag, else its user_id


def _tags(entity: dict[str, Any] | None, *path: str) -> dict[str, str]:
    """MLflow's tags as a dict, from either its list of {key, value} or a dict."""
    node: Any = entity or {}
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, dict):
        return {str(k): str(v) for k, v in node.items()}
    if isinstance(node, list):
        return {str(t.get("key")): str(t.get("value", "")) for t in node if isinstance(t, dict) and t.get("key")}
    return {}


def repository(url: str) -> str | None:
    """`owner/name` of a GitHub remote (https, ssh or bare)."""
    match = GITHUB_REPO.search(url.strip())
    if match is None or match.group("name") in (".", ".."):
        return None
    return f"{match.group('owner')}/{match.group('name')}"


def trace(version: dict[str, Any], run: dict[str, Any] | None) -> Trace:
    """The commit from the run's git tags, else the version's tags, else a sha in the version's
    source; the repository likewise."""
    run_tags = _tags(run, "data", "tags")
    version_tags = _tags(version, "tags")
    commit, where = None, "nowhere"
    for origin, tags in (("the run's tags", run_tags), ("the version's tags", version_tags)):
        values = [tags.get(t, "").strip().lower() for t in COMMIT_TAGS]
        found = next((value for value in values if TAGGED_SHA.fullmatch(value)), None)
        if found:
            commit, where = found, f"{origin}"
            break
    if commit is None:
        in_source = SHA.search(str(version.get("source") or "").lower())
        if in_source:
            commit, where = in_source.group(0), "the version's source"
    repo = next((r for tags in (run_tags, version_tags) for t in REPO_TAGS if tags.get(t)
                 for r in [repository(tags[t])] if r), None)
    run_id = version.get("run_id")
    info: Any = (run or {}).get("info")
    trained_by = run_tags.get("mlflow.user") or (info.get("user_id") if isinstance(info, dict) else None)
    return Trace(run_id=str(run_id) if run_id else None, commit=commit, repo=repo, where=where,
                 registered_by=str(version.get("user_id") or "") or None, trained_by=str(trained_by or "") or None)
