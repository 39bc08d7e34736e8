"""Response bodies: real recorded GitHub bodies as templates, with the world's facts written in."""

from __future__ import annotations

import base64
import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from custody.reviewer.app.standin.world import PullRequestState, RepoState
from custody.reviewer.gather.snapshot import blob_sha

DOTCOM = "https://api.github.com"


@cache
def template(name: str) -> Any:
    text = resources.files("custody.reviewer.app.standin").joinpath("recorded", name).read_text("utf-8")
    return json.loads(text)


def fresh(name: str) -> Any:
    return copy.deepcopy(template(name))


def rebase(value: Any, base_url: str) -> Any:
    """PyGithub refuses URLs in bodies that are not under its base URL: rewrite api.github.com."""
    text = json.dumps(value).replace(DOTCOM, base_url.rstrip("/"))
    return json.loads(text)


def user(login: str) -> dict[str, Any]:
    body = fresh("pulls.get.json")["user"]
    body.update({"login": login, "url": f"{DOTCOM}/users/{login}", "html_url": f"https://github.com/{login}",
                 "type": "Bot" if login.endswith("[bot]") else "User"})
    return dict(body)


def repository(repo: RepoState) -> dict[str, Any]:
    body = fresh("pulls.get.json")["base"]["repo"]
    owner, name = repo.full_name.split("/", 1)
    text = json.dumps(body).replace("sigmavirus24/github3.py", repo.full_name)
    body = json.loads(text)
    body.update({"id": repo.id, "name": name, "full_name": repo.full_name, "private": True,
                 "default_branch": "main"})
    body["owner"] = user(owner)
    return dict(body)


def pull(repo: RepoState, pr: PullRequestState) -> dict[str, Any]:
    body = fresh("pulls.get.json")
    text = json.dumps(body).replace("sigmavirus24/github3.py", repo.full_name).replace("/235", f"/{pr.number}")
    body = json.loads(text)
    diff = pr.diff(repo)
    body.update({
        "number": pr.number, "title": pr.title, "body": pr.body, "state": "closed" if pr.merged_at else "open",
        "draft": pr.draft, "created_at": pr.created_at, "updated_at": pr.created_at, "merged_at": pr.merged_at,
        "merged": pr.merged_at is not None, "user": user(pr.author),
        "labels": [{"id": i + 1, "name": label, "color": "ededed", "default": False} for i, label in
                   enumerate(pr.labels)],
        "milestone": {"id": 1, "number": 1, "title": pr.milestone, "state": "open"} if pr.milestone else None,
        "commits": 1, "changed_files": len(diff.files),
        "additions": sum(f.additions for f in diff.files), "deletions": sum(f.deletions for f in diff.files),
    })
    for side, ref, sha in (("base", pr.base_ref, pr.base_sha), ("head", pr.head_ref, pr.head_sha)):
        body[side].update({"ref": ref, "sha": sha, "label": f"{repo.full_name.split('/')[0]}:{ref}",
                           "repo": repository(repo), "user": user(repo.full_name.split("/")[0])})
    return dict(body)


def pull_as_issue(repo: RepoState, pr: PullRequestState, comments: int) -> dict[str, Any]:
    """Every pull request is also an issue: `GET /issues/{n}` answers with a `pull_request` block."""
    body = fresh("issues.get.pull_request.json")
    text = json.dumps(body).replace("sigmavirus24/github3.py", repo.full_name).replace("/235", f"/{pr.number}")
    body = json.loads(text)
    shown = pull(repo, pr)
    body.update({key: shown[key] for key in ("number", "title", "body", "state", "user", "labels", "milestone",
                                             "created_at", "updated_at")})
    body.update({"id": repo.id * 100_000 + pr.number, "comments": comments, "closed_at": pr.merged_at,
                 "closed_by": None})
    for key in ("body_text", "body_html"):
        body.pop(key, None)
    return dict(body)


def issue(repo: RepoState, number: int, issue_id: int, title: str, text: str, login: str, now: str) -> dict[str, Any]:
    """An issue as `POST /issues` answers: the recorded issue without its pull request block."""
    body = fresh("issues.get.pull_request.json")
    body = json.loads(json.dumps(body).replace("sigmavirus24/github3.py", repo.full_name)
                      .replace("/235", f"/{number}"))
    body.pop("pull_request", None)
    for key in ("body_text", "body_html"):
        body.pop(key, None)
    body.update({"id": issue_id, "number": number, "title": title, "body": text, "state": "open",
                 "user": user(login), "labels": [], "milestone": None, "comments": 0, "created_at": now,
                 "updated_at": now, "closed_at": None, "closed_by": None})
    return dict(body)


def content(repo: RepoState, path: str, ref: str, data: bytes) -> dict[str, Any]:
    body = fresh("repos.get_content.file.json")
    sha = blob_sha(data)
    url = f"{DOTCOM}/repos/{repo.full_name}/contents/{path}?ref={ref}"
    body.update({
        "name": path.rsplit("/", 1)[-1], "path": path, "sha": sha, "size": len(data), "url": url,
        "html_url": f"https://github.com/{repo.full_name}/blob/{ref}/{path}",
        "git_url": f"{DOTCOM}/repos/{repo.full_name}/git/blobs/{sha}",
        "download_url": None, "type": "file", "encoding": "base64",
        "content": base64.encodebytes(data).decode(),
        "_links": {"self": url, "git": f"{DOTCOM}/repos/{repo.full_name}/git/blobs/{sha}",
                   "html": f"https://github.com/{repo.full_name}/blob/{ref}/{path}"},
    })
    return dict(body)


def app(app_id: int, slug: str) -> dict[str, Any]:
    """`GET /app`: the App's own record (its id and slug; its bot user is `<slug>[bot]`)."""
    body = fresh("apps.get_authenticated.json")
    body.update({"id": app_id, "slug": slug, "name": slug, "html_url": f"https://github.com/apps/{slug}",
                 "external_url": f"https://github.com/apps/{slug}"})  # not the recording's own App's site
    return dict(body)


def issue_comment(repo: RepoState, number: int, comment_id: int, body_text: str, login: str,
                  stamp: str, via_app: dict[str, Any] | None = None) -> dict[str, Any]:
    body = fresh("issues.create_comment.json")
    body.update({
        "id": comment_id, "body": body_text, "user": user(login), "created_at": stamp, "updated_at": stamp,
        "performed_via_github_app": via_app,
        "url": f"{DOTCOM}/repos/{repo.full_name}/issues/comments/{comment_id}",
        "html_url": f"https://github.com/{repo.full_name}/pull/{number}#issuecomment-{comment_id}",
        "issue_url": f"{DOTCOM}/repos/{repo.full_name}/issues/{number}",
    })
    for key in ("body_text", "body_html"):
        body.pop(key, None)
    return dict(body)


def check_run(repo: RepoState, run: dict[str, Any], app_id: int = 1, slug: str = "custody") -> dict[str, Any]:
    """A check run, written by the App the stand-in serves (its `app` block names it)."""
    body = fresh("checks.create.json")
    text = json.dumps(body).replace("westphahl/github3.py", repo.full_name)
    body = json.loads(text)
    body.update({key: run[key] for key in ("id", "name", "head_sha", "status", "conclusion", "started_at",
                                            "completed_at", "details_url", "external_id") if key in run})
    output = run.get("output") or {}
    body["output"] = {"title": output.get("title"), "summary": output.get("summary"), "text": output.get("text"),
                      "annotations_count": len(run.get("annotations", [])),
                      "annotations_url": f"{DOTCOM}/repos/{repo.full_name}/check-runs/{run['id']}/annotations"}
    body["app"] = {**(body.get("app") or {}), **app(app_id, slug)}
    body["url"] = f"{DOTCOM}/repos/{repo.full_name}/check-runs/{run['id']}"
    body["html_url"] = f"https://github.com/{repo.full_name}/runs/{run['id']}"
    return dict(body)


def review(repo: RepoState, pr: PullRequestState, review_id: int, event: str, text_body: str,
           login: str) -> dict[str, Any]:
    body = fresh("pulls.create_review.json")
    body.update({"id": review_id, "body": text_body, "user": user(login), "commit_id": pr.head_sha,
                 "state": {"COMMENT": "COMMENTED", "APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED"}
                 .get(event, "PENDING"),
                 "html_url": f"https://github.com/{repo.full_name}/pull/{pr.number}#pullrequestreview-{review_id}",
                 "pull_request_url": f"{DOTCOM}/repos/{repo.full_name}/pulls/{pr.number}"})
    return dict(body)


def review_comment(repo: RepoState, pr: PullRequestState, comment_id: int, review_id: int, spec: dict[str, Any],
                   login: str, stamp: str) -> dict[str, Any]:
    body = fresh("pulls.list_review_comments.json")[0]
    body.update({
        "id": comment_id, "pull_request_review_id": review_id, "path": spec["path"], "body": spec["body"],
        "line": spec.get("line"), "original_line": spec.get("line"), "side": spec.get("side", "RIGHT"),
        "start_line": spec.get("start_line"), "commit_id": pr.head_sha, "original_commit_id": pr.head_sha,
        "position": None, "original_position": None, "user": user(login), "created_at": stamp, "updated_at": stamp,
        "url": f"{DOTCOM}/repos/{repo.full_name}/pulls/comments/{comment_id}",
        "pull_request_url": f"{DOTCOM}/repos/{repo.full_name}/pulls/{pr.number}",
        "html_url": f"https://github.com/{repo.full_name}/pull/{pr.number}#discussion_r{comment_id}",
    })
    for key in ("body_text", "body_html"):
        body.pop(key, None)
    return dict(body)
