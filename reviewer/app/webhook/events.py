"""Which deliveries become review jobs: the routing table of events and actions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.model.evidence.pull_request import pr_number_problem

REVIEW_ACTIONS = {"opened", "reopened", "synchronize", "ready_for_review", "edited"}
COMMAND_PREFIX = "/custody"


@dataclass
class Routed:
    """What to do with a delivery: a job to enqueue (and a head to note), or why not."""

    job: ReviewJob | None
    reason: str
    head: tuple[str, int, str] | None = None  # repo, number, sha: the PR's newest head
    dedupe: str | None = None  # what the delivery carries, claimed once whatever its delivery id


def route(event: str, payload: dict[str, Any], delivery_id: str) -> Routed:
    handler = HANDLERS.get(event)
    if handler is None:
        return Routed(None, f"event {event} is not handled")
    return handler(payload, delivery_id)


def _installation(payload: dict[str, Any]) -> int | None:
    installation = payload.get("installation")
    value = installation.get("id") if isinstance(installation, dict) else None
    return value if isinstance(value, int) else None


def _repo(payload: dict[str, Any]) -> str | None:
    repository = payload.get("repository")
    name = repository.get("full_name") if isinstance(repository, dict) else None
    return name if isinstance(name, str) and "/" in name else None


def _number(value: Any) -> int | str:
    """A pull request's number as the store and the evidence hold it, or why the delivery's is not one."""
    problem = pr_number_problem(value)
    return problem if problem is not None else int(value)


def pull_request(payload: dict[str, Any], delivery_id: str) -> Routed:
    action = payload.get("action")
    pr = payload.get("pull_request")
    installation, repo = _installation(payload), _repo(payload)
    if not isinstance(action, str) or action not in REVIEW_ACTIONS:  # a list or an object is unhashable
        return Routed(None, f"pull_request.{action if isinstance(action, str) else '?'} needs no review")
    if not isinstance(pr, dict) or installation is None or repo is None:
        return Routed(None, "the delivery lacks a pull request, repository or installation")
    head_ref = pr.get("head")
    number, head = _number(pr.get("number")), head_ref.get("sha") if isinstance(head_ref, dict) else None
    if isinstance(number, str):
        return Routed(None, number)
    if not isinstance(head, str) or not head:
        return Routed(None, "the pull request has no head sha")
    if pr.get("draft") and action != "ready_for_review":
        return Routed(None, "draft pull requests are reviewed when they are ready", (repo, number, head))
    changes = payload.get("changes")
    if action == "edited" and not (isinstance(changes, dict) and {"title", "body", "base"} & set(changes)):
        return Routed(None, "only the title, description or base branch changing needs a new review")
    base_ref = pr.get("base")
    base = base_ref.get("sha") if isinstance(base_ref, dict) else None
    job = ReviewJob(installation_id=installation, repo=repo, number=number, head_sha=head,
                    base_sha=base if isinstance(base, str) else "", delivery_id=delivery_id, trigger="pull_request")
    return Routed(job, f"review of {repo}#{number} at {head[:7]} queued", (repo, number, head))


def issue_comment(payload: dict[str, Any], delivery_id: str) -> Routed:
    issue, comment = payload.get("issue"), payload.get("comment")
    installation, repo = _installation(payload), _repo(payload)
    if payload.get("action") != "created" or not isinstance(issue, dict) or not isinstance(comment, dict):
        return Routed(None, "only new comments carry commands")
    if "pull_request" not in issue:
        return Routed(None, "the comment is on an issue, not a pull request")
    body = comment.get("body") or ""
    author = comment.get("user")
    user: dict[str, Any] = author if isinstance(author, dict) else {}
    if not isinstance(body, str) or not body.lstrip().startswith(COMMAND_PREFIX):
        return Routed(None, "no /custody command")
    if user.get("type") == "Bot":
        return Routed(None, "comments by bots are ignored, so bots cannot loop")
    number = _number(issue.get("number"))
    if installation is None or repo is None:
        return Routed(None, "the delivery lacks a repository or installation")
    if isinstance(number, str):
        return Routed(None, number)
    command = body.lstrip().splitlines()[0].strip()[:500]
    job = ReviewJob(installation_id=installation, repo=repo, number=number, head_sha="",
                    delivery_id=delivery_id, trigger="command", requested_by=str(user.get("login") or ""),
                    command=command)
    # The delivery id is not signed: a captured delivery replayed under new ids is the same comment.
    comment_id = comment.get("id")
    ident = comment_id if isinstance(comment_id, int) and not isinstance(comment_id, bool) else f"{number}?"
    digest = hashlib.sha256(body.encode("utf-8", "replace")).hexdigest()[:32]
    dedupe = f"comment:{repo.lower()}:{ident}:{digest}"
    return Routed(job, f"command {command.split()[1] if len(command.split()) > 1 else ''} queued".strip(),
                  dedupe=dedupe)


HANDLERS = {"pull_request": pull_request, "issue_comment": issue_comment}
