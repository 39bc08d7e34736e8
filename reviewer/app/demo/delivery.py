"""Build a signed, real-format `pull_request` delivery for a pull request the stand-in serves."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from copy import deepcopy
from importlib import resources
from typing import Any

TEMPLATE = "pull_request.opened.json"
COMMENT_TEMPLATE = "issue_comment.created.json"


def pull_request_delivery(
    *, repo: str, number: int, title: str, body: str, author: str, head_ref: str, head_sha: str,
    base_ref: str, base_sha: str, installation_id: int, api_url: str, action: str = "opened",
) -> dict[str, Any]:
    """The real octokit example delivery with this PR's identity written over it."""
    text = resources.files("custody.reviewer.app.demo").joinpath("payloads", TEMPLATE).read_text("utf-8")
    payload: dict[str, Any] = json.loads(text)
    owner, name = repo.split("/", 1)
    text = json.dumps(payload).replace("Codertocat/Hello-World", repo).replace(
        "https://api.github.com", api_url.rstrip("/")
    )
    # The template's own PR number lives in every PR link (html_url, diff_url, comments…): make them this PR's.
    links = rf"(/{re.escape(repo)}/(?:pulls|pull|issues))/{payload['number']}(?=[/\"#?])"
    text = re.sub(links, rf"\g<1>/{number}", text)
    payload = json.loads(text)
    payload["action"] = action
    payload["number"] = number
    pr = payload["pull_request"]
    pr.update({"number": number, "title": title, "body": body, "draft": False})
    pr["user"] = {**pr["user"], "login": author}
    pr["head"] = {**deepcopy(pr["head"]), "ref": head_ref, "sha": head_sha,
                  "label": f"{owner}:{head_ref}"}
    pr["base"] = {**deepcopy(pr["base"]), "ref": base_ref, "sha": base_sha,
                  "label": f"{owner}:{base_ref}"}
    payload["repository"]["name"] = name
    payload["repository"]["full_name"] = repo
    payload["repository"]["owner"]["login"] = owner
    payload["installation"] = {"id": installation_id, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ=="}
    return payload


def comment_delivery(*, repo: str, number: int, body: str, author: str, installation_id: int, api_url: str,
                     comment_id: int = 1) -> dict[str, Any]:
    """A real `issue_comment.created` delivery on the PR, carrying `body` from `author`."""
    text = resources.files("custody.reviewer.app.demo").joinpath("payloads", COMMENT_TEMPLATE).read_text("utf-8")
    payload: dict[str, Any] = json.loads(text)
    owner, name = repo.split("/", 1)
    payload["action"] = "created"
    payload["issue"].update({"number": number, "pull_request": {
        "url": f"{api_url.rstrip('/')}/repos/{repo}/pulls/{number}"}})
    payload["comment"].update({"id": comment_id, "body": body})
    payload["comment"]["user"] = {**payload["comment"]["user"], "login": author, "type": "User"}
    payload["repository"].update({"name": name, "full_name": repo})
    payload["repository"]["owner"]["login"] = owner
    payload["installation"] = {"id": installation_id, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ=="}
    return payload


def signed_headers(body: bytes, secret: str, event: str = "pull_request") -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": f"sha256={digest}",
        "User-Agent": "GitHub-Hookshot/custody-demo",
    }
