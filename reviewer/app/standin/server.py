"""The stand-in's HTTP side: GitHub's REST paths on loopback, GitHub's limits, and a write log."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import secrets
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from custody.reviewer.app.standin import model
from custody.reviewer.app.standin import responses as r
from custody.reviewer.app.standin.limits import Refusal
from custody.reviewer.app.standin.oauth import OAuthFlow
from custody.reviewer.app.standin.world import Fault, RepoState, World
from custody.reviewer.gather.snapshot import blob_sha
from custody.reviewer.model.evidence.diff import FileChange

MAX_COMMENT = 65_536
MAX_ANNOTATIONS = 50
MAX_DIFF_FILES = 300
Route = tuple[str, re.Pattern[str], Callable[..., tuple[Any, ...]]]
NOT_FOUND = {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}
FAULT_MESSAGES = {
    403: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    429: "API rate limit exceeded.",
    502: "Server Error",
    503: "Service Unavailable",
}
LINE_UNRESOLVED = {"message": "Unprocessable Entity", "errors": ["Line could not be resolved"],
                   "documentation_url": "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
                   "status": "422"}


# Writes kept out of the write log: the stand-in's own controls, OAuth exchanges and model calls.
SILENT = ("/_standin", "/login/oauth/", "/v1/")
# Requests that are not GitHub's REST API: kept out of the request count.
UNCOUNTED = (*SILENT, "/_mlflow/")


def repo_path(suffix: str) -> re.Pattern[str]:
    """A route under /repos/{owner}/{name}, with both captured as `o` and `n`."""
    return re.compile(r"^/repos/(?P<o>[^/]+)/(?P<n>[^/]+)" + suffix + "$")


class StandIn:
    """Serve a World on 127.0.0.1; every write lands in `writes` (method, path, body), in order."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.writes: list[dict[str, Any]] = []
        self.installations: dict[str, int] = {}  # each minted token's installation
        self.requests: list[dict[str, Any]] = []  # every GitHub API request: method, path, status
        self.lock = threading.RLock()
        self.base_url = ""
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.routes: list[Route] = [
            ("GET", repo_path(r""), self.get_repo),
            ("GET", repo_path(r"/installation"), self.get_installation),
            ("GET", repo_path(r"/pulls/(?P<num>\d+)"), self.get_pull),
            ("GET", repo_path(r"/pulls/(?P<num>\d+)/files"), self.list_files),
            ("GET", repo_path(r"/pulls/(?P<num>\d+)/comments"),
             self.list_review_comments),
            ("POST", repo_path(r"/pulls/(?P<num>\d+)/reviews"), self.create_review),
            ("GET", repo_path(r"/contents/(?P<path>.+)"), self.get_content),
            ("GET", repo_path(r"/git/trees/(?P<sha>[^/]+)"), self.get_tree),
            ("GET", repo_path(r"/issues/(?P<num>\d+)"), self.get_issue),
            ("GET", repo_path(r"/issues/(?P<num>\d+)/comments"),
             self.list_comments),
            ("POST", repo_path(r"/issues/(?P<num>\d+)/comments"),
             self.create_comment),
            ("GET", repo_path(r"/issues/comments/(?P<cid>\d+)"), self.get_comment),
            ("PATCH", repo_path(r"/issues/comments/(?P<cid>\d+)"),
             self.edit_comment),
            ("GET", repo_path(r"/compare/(?P<base>[^/.]+)\.\.\.(?P<head>[^/.]+)"), self.compare),
            ("POST", repo_path(r"/check-runs"), self.create_check_run),
            ("PATCH", repo_path(r"/check-runs/(?P<rid>\d+)"),
             self.update_check_run),
            ("GET", repo_path(r"/check-runs/(?P<rid>\d+)"), self.get_check_run),
            ("GET", repo_path(r"/commits/(?P<sha>[^/]+)/check-runs"),
             self.list_check_runs),
            ("GET", repo_path(r"/commits/(?P<sha>[^/]+)/pulls"), self.list_commit_pulls),
            ("POST", repo_path(r"/issues"), self.create_issue),
            ("GET", repo_path(r"/collaborators/(?P<login>[^/]+)/permission"),
             self.get_permission),
            ("POST", re.compile(r"^/app/installations/(?P<iid>\d+)/access_tokens$"), self.create_token),
            ("GET", re.compile(r"^/app$"), self.get_app),
            ("GET", re.compile(r"^/_standin/writes$"), lambda **_: (200, self.writes)),
            ("POST", re.compile(r"^/_standin/reset$"), self.reset),
            ("GET", re.compile(r"^/_mlflow/api/2\.0/mlflow/(?P<op>[\w/-]+)$"), self.mlflow),
        ]
        oauth = OAuthFlow(world)
        self.routes += [
            ("GET", re.compile(r"^/login/oauth/authorize$"), oauth.authorize),
            ("POST", re.compile(r"^/login/oauth/access_token$"), oauth.access_token),
            ("GET", re.compile(r"^/user$"), oauth.user),
            ("GET", re.compile(r"^/user/installations$"), oauth.installations),
            ("GET", re.compile(r"^/user/installations/(?P<iid>\d+)/repositories$"), oauth.repositories),
            ("POST", re.compile(r"^/v1/messages$"), model.messages),
        ]

    @property
    def faults(self) -> list[Fault]:
        faults: list[Fault] = self.world.faults
        return faults

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without TCP_NODELAY every keep-alive response
            # waits for the client's delayed ACK (about 40 ms a request).
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _serve(self, method: str) -> None:
                stand_in._handle(self, method)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PATCH(self) -> None:
                self._serve("PATCH")

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://{host}:{self._server.server_address[1]}"
        # A short poll interval: shutdown() waits up to one interval, and tests stop many stand-ins.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="standin", daemon=True)
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> StandIn:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- dispatch --------------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlparse(handler.path)
        path = unquote(url.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        length = int(handler.headers.get("content-length") or 0)
        raw = handler.rfile.read(length) if length else b""
        accept = handler.headers.get("accept", "")
        token = handler.headers.get("authorization", "")
        status, body, headers = 404, dict(NOT_FOUND), {}
        with self.lock:
            fault = next((f for f in self.world.faults if f.matches(method, path)), None)
            lost = fault is not None and fault.lost
            if lost:
                assert fault is not None
                fault.times -= 1
                fault = None
            limits, refusal = self._limits(method, path, token)
            if refusal is not None:
                status, body = refusal
                lost = False  # refused, so not performed: its answer arrives
            elif fault is not None:
                fault.times -= 1
                message = fault.message or FAULT_MESSAGES.get(fault.status, "injected fault")
                status, headers = fault.status, dict(fault.headers)
                body = {"message": message, "documentation_url": "https://docs.github.com/rest",
                        "status": str(fault.status)}
            elif method != "GET" and not token and not path.startswith(("/_standin", "/login/oauth/", "/v1/")):
                status, body = 401, {"message": "Requires authentication"}
            else:
                try:
                    payload = json.loads(raw) if raw else {}
                except ValueError:
                    payload = None
                for verb, pattern, action in self.routes:
                    match = pattern.match(path)
                    if verb == method and match:
                        if payload is None:
                            status, body = 400, {"message": "Problems parsing JSON"}
                            break
                        answer = action(**match.groupdict(), query=query, body=payload, accept=accept,
                                        token=token, api_key=handler.headers.get("x-api-key", ""))
                        status, body = answer[0], answer[1]
                        headers = answer[2] if len(answer) > 2 else {}
                        if method != "GET" and status < 300 and not path.startswith(SILENT):
                            self.writes.append({"method": method, "path": path, "body": payload,
                                                "token": token.split(" ")[-1][:12]})
                        break
        if isinstance(body, str):
            data = body.encode()
            kind = "application/vnd.github.diff; charset=utf-8"
        else:
            data = json.dumps(r.rebase(body, self.base_url)).encode()
            kind = "application/json; charset=utf-8"
        headers = {**limits, **headers}
        if status < 300 and not path.startswith(UNCOUNTED):
            # As GitHub: a weak ETag on every resource, and 304 with no body (and no rate-limit
            # cost) to a GET whose If-None-Match names the current one.
            etag = 'W/"' + hashlib.sha256(data).hexdigest()[:40] + '"'
            headers = {**headers, "ETag": etag}
            if method == "GET" and etag in handler.headers.get("if-none-match", ""):
                status, data = 304, b""
        with self.lock:
            if not path.startswith(UNCOUNTED):
                self.requests.append({"method": method, "path": path, "status": status, "lost": lost})
        if lost:  # the work is done; the answer never arrives
            handler.close_connection = True
            return
        handler.send_response(status)
        if status != 304:
            handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("X-GitHub-Media-Type", "github.v3; format=json")
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _limits(self, method: str, path: str, token: str) -> tuple[dict[str, str], Refusal | None]:
        """GitHub's limits (when the World has them) for a request made with an installation token."""
        installation = self.installations.get(token.split(" ")[-1]) if token else None
        if self.world.limits is None or installation is None or path.startswith(SILENT):
            return {}, None
        return self.world.limits.check(installation, method != "GET")

    def counts(self, since: int = 0) -> dict[str, int]:
        """GitHub API requests from the `since`-th on: how many, how many were answered with a body
        (a 304 is not), how many 304s, and how many writes (POST or PATCH)."""
        with self.lock:
            seen = self.requests[since:]
        return {"requests": len(seen), "with_body": sum(1 for x in seen if x["status"] != 304),
                "reads_with_body": sum(1 for x in seen if x["method"] == "GET" and x["status"] != 304),
                "not_modified": sum(1 for x in seen if x["status"] == 304),
                "writes": sum(1 for x in seen if x["method"] != "GET")}

    def _repo(self, o: str, n: str) -> RepoState | None:
        return self.world.repo(f"{o}/{n}")

    @staticmethod
    def _now() -> str:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @staticmethod
    def _missing() -> tuple[int, Any]:
        return 404, dict(NOT_FOUND)

    # -- reads -----------------------------------------------------------------------------------

    def get_repo(self, o: str, n: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        return (200, r.repository(repo)) if repo else self._missing()

    def get_installation(self, o: str, n: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        owner = repo.full_name.split("/")[0]
        body = r.fresh("apps.get-repo-installation.200.default.json")
        body.update({"id": repo.installation_id, "account": r.user(owner), "target_id": repo.id,
                     "access_tokens_url": f"{r.DOTCOM}/app/installations/{repo.installation_id}/access_tokens",
                     "html_url": f"https://github.com/organizations/{owner}/settings/installations/"
                                 f"{repo.installation_id}"})
        return 200, body

    def get_app(self, token: str, **_: Any) -> tuple[int, Any]:
        if not token.lower().startswith("bearer "):
            return 401, {"message": "A JSON web token could not be decoded",
                         "documentation_url": "https://docs.github.com/rest", "status": "401"}
        return 200, r.app(self.world.app_id, self.world.app_slug)

    def reset(self, **_: Any) -> tuple[int, Any]:
        self.world.reset()
        self.writes.clear()
        return 200, {"reset": True}

    def get_pull(self, o: str, n: str, num: str, accept: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        pr = repo.pulls.get(int(num)) if repo else None
        if repo is None or pr is None:
            return self._missing()
        if "diff" in accept:
            diff = pr.diff(repo)
            if len(diff.files) > MAX_DIFF_FILES:
                return 406, r.fresh("pulls.get.diff.406.too-many-files.json")
            return 200, self._diff_text(repo, pr)
        return 200, r.pull(repo, pr)

    def _diff_text(self, repo: RepoState, pr: Any) -> str:
        return _text_diff(repo.trees[pr.base_sha], repo.trees[pr.head_sha])

    def list_files(self, o: str, n: str, num: str, query: dict[str, str], **_: Any) -> tuple[Any, ...]:
        repo = self._repo(o, n)
        pr = repo.pulls.get(int(num)) if repo else None
        if repo is None or pr is None:
            return self._missing()
        per_page = min(int(query.get("per_page", 30)), 100)
        page = int(query.get("page", 1))
        diff = pr.diff(repo)
        text = self._diff_text(repo, pr)
        patches = _split_patches(text)
        template = r.fresh("pulls.list_files.json")[0]
        items = []
        for change in diff.files:
            item = dict(template)
            item.update({"filename": change.path, "status": {"deleted": "removed"}.get(change.status, change.status),
                         "additions": change.additions, "deletions": change.deletions,
                         "changes": change.additions + change.deletions,
                         "sha": blob_sha(repo.trees[pr.head_sha].get(change.path, b""))})
            if change.binary or change.path not in patches:
                item.pop("patch", None)
            else:
                item["patch"] = patches[change.path]
            items.append(item)
        chunk = items[(page - 1) * per_page: page * per_page]
        last = max(1, -(-len(items) // per_page))
        headers = {}
        if page < last:
            base = f"{self.base_url}/repos/{o}/{n}/pulls/{num}/files?per_page={per_page}"
            headers["Link"] = f'<{base}&page={page + 1}>; rel="next", <{base}&page={last}>; rel="last"'
        return 200, chunk, headers

    def get_content(self, o: str, n: str, path: str, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        ref = query.get("ref") or next(iter(repo.trees))
        files = repo.trees.get(ref)
        if files is None:
            ref = next((p.head_sha if ref == p.head_ref else p.base_sha for p in repo.pulls.values()
                        if ref in (p.head_ref, p.base_ref)), ref)
            files = repo.trees.get(ref)
        if files is None:
            return self._missing()
        if path not in files:  # a folder: GitHub lists its entries
            prefix = path.rstrip("/") + "/"
            entries = [r.content(repo, p, ref, d) for p, d in sorted(files.items())
                       if p.startswith(prefix) and "/" not in p[len(prefix):]]
            return (200, entries) if entries else self._missing()
        return 200, r.content(repo, path, ref, files[path])

    def get_tree(self, o: str, n: str, sha: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is not None and sha not in repo.trees:  # a branch name: the tree of its newest commit
            sha = next((p.head_sha if sha == p.head_ref else p.base_sha for p in repo.pulls.values()
                        if sha in (p.head_ref, p.base_ref)), sha)
        files = repo.trees.get(sha) if repo else None
        if repo is None or files is None:
            return self._missing()
        entries = [{"path": p, "mode": "100644", "type": "blob", "sha": blob_sha(d), "size": len(d),
                    "url": f"{r.DOTCOM}/repos/{repo.full_name}/git/blobs/{blob_sha(d)}"}
                   for p, d in sorted(files.items())]
        return 200, {"sha": sha, "url": f"{r.DOTCOM}/repos/{repo.full_name}/git/trees/{sha}", "tree": entries,
                     "truncated": False}

    def get_issue(self, o: str, n: str, num: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        issue = repo.issues.get(int(num))
        if issue is None and int(num) in repo.pulls:
            count = sum(1 for c in repo.comments if c["issue_url"].endswith(f"/issues/{num}"))
            issue = r.pull_as_issue(repo, repo.pulls[int(num)], count)
        return (200, issue) if issue is not None else self._missing()

    def list_comments(self, o: str, n: str, num: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        return 200, [c for c in repo.comments if c["issue_url"].endswith(f"/issues/{num}")]

    def get_comment(self, o: str, n: str, cid: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        comment = next((c for c in repo.comments if c["id"] == int(cid)), None) if repo else None
        return (200, comment) if comment is not None else self._missing()

    def compare(self, o: str, n: str, base: str, head: str, **_: Any) -> tuple[int, Any]:
        """`base...head`: the files changed from their merge base to `head`, with blob shas and patches."""
        repo = self._repo(o, n)
        if repo is None or base not in repo.trees or head not in repo.trees:
            return self._missing()
        ancestry = _ancestry(repo, head)
        merge_base = next((sha for sha in _ancestry(repo, base) if sha in ancestry), None)
        if merge_base is None:
            return 404, {"message": f"No common ancestor between {base} and {head}.",
                         "documentation_url": "https://docs.github.com/rest/commits/commits#compare-two-commits"}
        ahead, behind = ancestry.index(merge_base), _ancestry(repo, base).index(merge_base)
        status = "identical" if ahead == behind == 0 else "ahead" if behind == 0 else "behind" if ahead == 0 \
            else "diverged"
        old, new = repo.trees[merge_base], repo.trees[head]
        patches = _split_patches(_text_diff(old, new))
        files = []
        for path in sorted(set(old) | set(new)):
            if old.get(path) == new.get(path):
                continue
            kind = "added" if path not in old else "removed" if path not in new else "modified"
            item: dict[str, Any] = {
                "sha": blob_sha(new[path]) if path in new else blob_sha(old[path]), "filename": path,
                    "status": kind, "additions": 0, "deletions": 0, "changes": 0,
                    "blob_url": f"https://github.com/{repo.full_name}/blob/{head}/{path}",
                    "raw_url": f"https://github.com/{repo.full_name}/raw/{head}/{path}",
                    "contents_url": f"{r.DOTCOM}/repos/{repo.full_name}/contents/{path}?ref={head}"}
            if path in patches:
                item["patch"] = patches[path]
                item["additions"] = sum(1 for ln in patches[path].splitlines() if ln.startswith("+"))
                item["deletions"] = sum(1 for ln in patches[path].splitlines() if ln.startswith("-"))
                item["changes"] = item["additions"] + item["deletions"]
            files.append(item)
        commits = [{"sha": sha, "url": f"{r.DOTCOM}/repos/{repo.full_name}/commits/{sha}"}
                   for sha in reversed(ancestry[:ahead])]
        return 200, {"url": f"{r.DOTCOM}/repos/{repo.full_name}/compare/{base}...{head}", "status": status,
                     "ahead_by": ahead, "behind_by": behind, "total_commits": ahead,
                     "base_commit": {"sha": base}, "merge_base_commit": {"sha": merge_base},
                     "commits": commits, "files": files}

    def list_review_comments(self, o: str, n: str, num: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        return 200, [c for c in repo.review_comments if c["pull_request_url"].endswith(f"/pulls/{num}")]

    def list_check_runs(self, o: str, n: str, sha: str, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        name, app_id = query.get("check_name"), query.get("app_id")
        runs = [r.check_run(repo, run, self.world.app_id, self.world.app_slug) for run in repo.check_runs
                if run["head_sha"] == sha and (name is None or run["name"] == name)
                and (app_id is None or int(app_id) == self.world.app_id)]
        return 200, {"total_count": len(runs), "check_runs": runs}

    def list_commit_pulls(self, o: str, n: str, sha: str, **_: Any) -> tuple[int, Any]:
        """The pull requests a commit belongs to (GitHub lists merged ones too): here, by head commit."""
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        return 200, [r.pull(repo, pr) for pr in sorted(repo.pulls.values(), key=lambda p: -p.number)
                     if pr.head_sha == sha]

    def get_permission(self, o: str, n: str, login: str, **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        role = repo.permissions.get(login, "read")
        # As on GitHub: `permission` is the legacy level (maintain counts as write, triage as read),
        # `role_name` the role itself.
        level = {"maintain": "write", "triage": "read"}.get(role, role)
        return 200, {"permission": level, "role_name": role, "user": r.user(login)}

    def mlflow(self, op: str, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        """A read-only MLflow REST subset over the scenarios' registry snapshots, for the demo."""
        snapshots = [repo.mlflow for repo in self.world.repos.values() if repo.mlflow]
        models = [m for s in snapshots for m in s.get("registered_models", [])]
        versions = [v for s in snapshots for v in s.get("model_versions", [])]
        runs = [x for s in snapshots for x in s.get("runs", [])]
        if op == "registered-models/get":
            found = next((m for m in models if m.get("name") == query.get("name")), None)
            return (200, {"registered_model": found}) if found else (
                404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Registered Model not found"})
        if op == "registered-models/search":
            return 200, {"registered_models": models}
        if op == "model-versions/search":
            name = re.fullmatch(r"name='(.*)'", query.get("filter", ""))
            return 200, {"model_versions": [v for v in versions if name and v.get("name") == name.group(1)]}
        if op == "runs/get":
            found = next((x for x in runs if (x.get("info") or {}).get("run_id") == query.get("run_id")), None)
            return (200, {"run": found}) if found else (
                404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run not found"})
        return self._missing()

    # -- writes ----------------------------------------------------------------------------------

    def create_token(self, iid: str, token: str, **_: Any) -> tuple[int, Any]:
        if not token.lower().startswith("bearer "):
            return 401, {"message": "A JSON web token could not be decoded"}
        body = r.fresh("apps.create_installation_access_token.json")
        expires = datetime.now(UTC) + timedelta(hours=1)
        minted = f"ghs_{secrets.token_hex(18)}"
        self.installations[minted] = int(iid)
        body.update({"token": minted, "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "permissions": {"metadata": "read", "contents": "read", "pull_requests": "write",
                                     "checks": "write", "issues": "read"}})
        return 201, body

    def create_comment(self, o: str, n: str, num: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        text = body.get("body")
        if not isinstance(text, str):
            return 422, {"message": "Invalid request.\n\n\"body\" wasn't supplied."}
        if len(text) > MAX_COMMENT:
            return 422, r.fresh("issues.create_comment.422.body-too-long.json")
        comment = r.issue_comment(repo, int(num), self.world.new_id(), text, self.world.app_login, self._now(),
                                  via_app=r.app(self.world.app_id, self.world.app_slug))
        repo.comments.append(comment)
        return 201, comment

    def create_issue(self, o: str, n: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        title, text = body.get("title"), body.get("body")
        if not isinstance(title, str) or not title.strip():
            return 422, {"message": "Invalid request.\n\n\"title\" wasn't supplied.", "status": "422"}
        number = max([0, *repo.issues, *repo.pulls]) + 1
        issue = r.issue(repo, number, self.world.new_id(), title, text if isinstance(text, str) else "",
                        self.world.app_login, self._now())
        repo.issues[number] = issue
        return 201, issue

    def edit_comment(self, o: str, n: str, cid: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        comment = next((c for c in repo.comments if c["id"] == int(cid)), None) if repo else None
        if comment is None:
            return self._missing()
        text = body.get("body")
        if not isinstance(text, str):
            return 422, {"message": "Invalid request.\n\n\"body\" wasn't supplied."}
        if len(text) > MAX_COMMENT:
            return 422, r.fresh("issues.create_comment.422.body-too-long.json")
        comment.update({"body": text, "updated_at": self._now()})
        return 200, comment

    def create_check_run(self, o: str, n: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        if repo is None:
            return self._missing()
        if not body.get("name") or not body.get("head_sha"):
            return 422, {"message": "Invalid request.\n\nname and head_sha are required."}
        annotations = (body.get("output") or {}).get("annotations") or []
        if len(annotations) > MAX_ANNOTATIONS:
            return 422, {"message": "Only 50 annotations are allowed per request"}
        run = {"id": self.world.new_id(), "annotations": list(annotations), "status": "queued", **body}
        repo.check_runs.append(run)
        return 201, r.check_run(repo, run, self.world.app_id, self.world.app_slug)

    def _check_run(self, o: str, n: str, rid: str) -> tuple[RepoState, dict[str, Any]] | None:
        repo = self._repo(o, n)
        run = next((c for c in repo.check_runs if c["id"] == int(rid)), None) if repo else None
        return (repo, run) if repo is not None and run is not None else None

    def get_check_run(self, o: str, n: str, rid: str, **_: Any) -> tuple[int, Any]:
        found = self._check_run(o, n, rid)
        if found is None:
            return self._missing()
        return 200, r.check_run(*found, self.world.app_id, self.world.app_slug)

    def update_check_run(self, o: str, n: str, rid: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        found = self._check_run(o, n, rid)
        if found is None:
            return self._missing()
        repo, run = found
        annotations = (body.get("output") or {}).get("annotations") or []
        if len(annotations) > MAX_ANNOTATIONS:
            return 422, {"message": "Only 50 annotations are allowed per request"}
        run["annotations"].extend(annotations)
        run.update({k: v for k, v in body.items() if k != "output"})
        if "output" in body:
            run["output"] = {**(run.get("output") or {}), **body["output"]}
        return 200, r.check_run(repo, run, self.world.app_id, self.world.app_slug)

    def create_review(self, o: str, n: str, num: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        repo = self._repo(o, n)
        pr = repo.pulls.get(int(num)) if repo else None
        if repo is None or pr is None:
            return self._missing()
        diff = pr.diff(repo)
        specs = body.get("comments") or []
        for spec in specs:  # one bad anchor fails the whole review, as on GitHub
            change = diff.get(str(spec.get("path")))
            if change is None or not _anchored(change, spec):
                return 422, dict(LINE_UNRESOLVED)
        review_id = self.world.new_id()
        event = str(body.get("event") or "PENDING")
        review = r.review(repo, pr, review_id, event, str(body.get("body") or ""), self.world.app_login)
        repo.reviews.append(review)
        for spec in specs:
            repo.review_comments.append(
                r.review_comment(repo, pr, self.world.new_id(), review_id, spec, self.world.app_login, self._now()))
        return 200, review


def _anchored(change: FileChange, spec: dict[str, Any]) -> bool:
    """GitHub resolves `line` (and `start_line`) on the given side inside one hunk of the file's diff."""
    line, start = spec.get("line"), spec.get("start_line", spec.get("line"))
    side = spec.get("side", "RIGHT")
    start_side = spec.get("start_side", side)
    if not isinstance(line, int) or not isinstance(start, int) or start > line:
        return False
    if side not in ("RIGHT", "LEFT") or start_side not in ("RIGHT", "LEFT"):
        return False
    for hunk in change.hunks:
        ranges = {"RIGHT": range(hunk.new_start, hunk.new_start + hunk.new_length),
                  "LEFT": range(hunk.old_start, hunk.old_start + hunk.old_length)}
        # A multi-line comment may not span two hunks: both ends must sit in this one.
        if line in ranges[side] and start in ranges[start_side]:
            return True
    return False


def _ancestry(repo: RepoState, sha: str) -> list[str]:
    """The commit and its parents, newest first."""
    line = [sha]
    while line[-1] in repo.parents and len(line) < 10_000:
        line.append(repo.parents[line[-1]])
    return line


def _text_diff(base: dict[str, bytes], head: dict[str, bytes]) -> str:
    """A unified diff of two trees, as `git diff` writes it."""
    out: list[str] = []
    for path in sorted(set(base) | set(head)):
        old, new = base.get(path), head.get(path)
        if old == new:
            continue
        out.append(f"diff --git a/{path} b/{path}\n")
        if old is None:
            out.append("new file mode 100644\n")
        if new is None:
            out.append("deleted file mode 100644\n")
        if b"\0" in (old or b"")[:8000] or b"\0" in (new or b"")[:8000]:
            out.append(f"Binary files a/{path} and b/{path} differ\n")
            continue
        a = [ln + "\n" for ln in (old or b"").decode("utf-8", "replace").splitlines()]
        b = [ln + "\n" for ln in (new or b"").decode("utf-8", "replace").splitlines()]
        out.extend(difflib.unified_diff(a, b, "/dev/null" if old is None else f"a/{path}",
                                        "/dev/null" if new is None else f"b/{path}"))
    return "".join(out)


def _split_patches(text: str) -> dict[str, str]:
    """The `patch` of each file, as the files API gives it: the diff from the first hunk on."""
    patches: dict[str, str] = {}
    for block in re.split(r"(?m)^diff --git ", text)[1:]:
        header, _, rest = block.partition("\n")
        path = header.split(" b/", 1)[-1]
        hunk = rest.find("@@")
        if hunk >= 0:
            patches[path] = rest[hunk:].rstrip("\n")
    return patches


def run_standin(scenarios: list[Path], host: str = "127.0.0.1", port: int = 8010) -> None:
    """Serve scenario folders until interrupted (`custody standin DIR...`)."""
    world = World()
    for index, folder in enumerate(scenarios):
        World.from_scenario(folder, installation_id=index + 1, world=world)
    stand_in = StandIn(world)
    url = stand_in.start(host, port)
    print(f"GitHub stand-in at {url} serving {', '.join(world.repos)}", flush=True)
    stopping = threading.Event()
    # `make demo` and process managers stop it with SIGTERM; a terminal with Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        while not stopping.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stand_in.stop()
