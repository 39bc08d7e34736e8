"""Read a pull request from GitHub into a review input: PR, diff, both trees, tickets."""

from __future__ import annotations

import base64
import json
import logging
import re
import threading
import time
from collections.abc import Iterable
from typing import Any

from custody.reviewer.app.github.final import final_github_errors
from custody.reviewer.app.queue.jobs import JobCannotSucceed, ReviewJob
from custody.reviewer.gather.config import ConfigError, parse_repo_config
from custody.reviewer.gather.content_cache import cache
from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.readers.tickets import parse_github_issue
from custody.reviewer.gather.review_input import ArtifactUnavailable, RegistrySource, ReviewInput, TicketSource
from custody.reviewer.gather.snapshot import blob_sha
from custody.reviewer.model.config import CONFIG_PATH
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef
from custody.reviewer.settings import Settings
from github import Github, GithubException
from github.ContentFile import ContentFile
from github.PullRequest import PullRequest as GhPullRequest
from github.Repository import Repository
from pydantic import ValidationError

log = logging.getLogger(__name__)
MAX_BLOB_BYTES = 2 * 1024 * 1024
MAX_FILES_PAGES = 30  # the files API stops at 3,000 files
ORG_PACKS_FOLDER = "custody/rules"
MAX_COMPARE_FILES = 300  # the compare API lists at most 300 files; past that, read the tree
# An organisation without a `.github` repository (or packs folder) answers 404 with a body, and a 404
# carries no ETag to ask again conditionally: the absence is believed this long, per process.
ABSENT_PACKS_SECONDS = 600.0
_absent_packs: dict[str, float] = {}
_absent_lock = threading.Lock()


class GitHubSnapshot:
    """A tree at one commit: paths from the git trees API, bytes fetched on first read.

    A commit's tree never changes, so its listing (paths, blob shas, sizes) is kept in the content
    cache by commit sha. Given `since`, the head reviewed last, a new head's listing is that one's
    with the compare API's changes applied: one small answer instead of the whole tree."""

    def __init__(self, repo: Repository, sha: str, skipped: list[Skipped], since: str | None = None) -> None:
        self.repo, self.sha, self.skipped, self.since = repo, sha, skipped, since
        self._paths: list[str] | None = None
        self._sizes: dict[str, int] = {}  # -1: not known (changed since `since`), checked once read
        self._blobs: dict[str, str] = {}  # path -> git blob sha: the key of its bytes in the content cache
        self._cache: dict[str, bytes | None] = {}

    def paths(self) -> list[str]:
        if self._paths is None:
            # Only a commit's tree never changes: a branch name (the default branch's policy) is read anew.
            pinned = _is_commit(self.sha)
            listing = _cached_listing(self.repo.full_name, self.sha) if pinned else None
            if listing is None and self.since and self.since != self.sha and pinned:
                listing = self._listing_since(self.since)
            if listing is None:
                listing = self._listing_from_tree()
            if listing is not None:
                if pinned:
                    cache().put(_listing_key(self.repo.full_name, self.sha), json.dumps(listing).encode())
                entries: list[list[Any]] = listing["entries"]
                self._sizes = {path: size for path, _, size in entries}
                self._blobs = {path: sha for path, sha, _ in entries if sha}
                if listing.get("truncated"):
                    self.skipped.append(Skipped(
                        what=f"tree at {self.sha[:7]}",
                        why="GitHub truncated the file list; very large trees are read in part"))
            self._paths = sorted(self._sizes)
        return self._paths

    def _listing_from_tree(self) -> dict[str, Any] | None:
        try:
            tree = self.repo.get_git_tree(self.sha, recursive=True)
        except GithubException as exc:
            self.skipped.append(Skipped(what=f"tree at {self.sha[:7]}", why=f"GitHub answered {exc.status}"))
            return None
        entries = [[e.path, e.sha, e.size or 0] for e in tree.tree if e.type == "blob"]
        return {"entries": entries, "truncated": bool(tree.raw_data.get("truncated"))}

    def _listing_since(self, since: str) -> dict[str, Any] | None:
        """The listing at `since` with the changes from there to this commit; None when `since`
        is not an ancestor (a force push) or the change is too large for the compare API."""
        before = _cached_listing(self.repo.full_name, since)
        if before is None or before.get("truncated"):
            return None
        try:
            _, data = self.repo._requester.requestJsonAndCheck(
                "GET", f"{self.repo.url}/compare/{since}...{self.sha}", parameters={"per_page": "100"})
        except GithubException as exc:
            log.info("compare %s...%s: %s", since[:7], self.sha[:7], exc.status)
            return None
        files = data.get("files") if isinstance(data, dict) else None
        if data.get("status") not in ("ahead", "identical") or not isinstance(files, list) \
                or len(files) >= MAX_COMPARE_FILES:
            return None
        entries = {path: (sha, size) for path, sha, size in before["entries"]}
        for item in files:
            old_sha, _ = entries.pop(item.get("previous_filename") or item["filename"], (None, 0))
            if item.get("status") != "removed":
                data_now = _cached_blob(item.get("sha")) or _patched(old_sha, item)
                entries[item["filename"]] = (item.get("sha"), len(data_now) if data_now is not None else -1)
        return {"entries": [[path, sha, size] for path, (sha, size) in sorted(entries.items())], "truncated": False}

    def read_bytes(self, path: str) -> bytes | None:
        if path in self._cache:
            return self._cache[path]
        data: bytes | None = None
        self.paths()
        if path in self._sizes and self._sizes[path] <= MAX_BLOB_BYTES:
            sha = self._blobs.get(path)
            data = _cached_blob(sha)
            if data is None:
                data = self._fetch(path)
                if data is not None and len(data) > MAX_BLOB_BYTES:
                    data = None  # its size was not known before it was read
                if data is not None and sha is not None and blob_sha(data) == sha:
                    cache().put(digest("blob", sha), data)
        self._cache[path] = data
        return data

    def _fetch(self, path: str) -> bytes | None:
        try:
            content = self.repo.get_contents(path, ref=self.sha)
            if not isinstance(content, list) and content.encoding == "base64":
                return base64.b64decode(content.content or "")
        except GithubException as exc:
            log.info("contents %s@%s: %s", path, self.sha[:7], exc.status)
        return None


HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


def _patched(old_sha: str | None, item: dict[str, Any]) -> bytes | None:
    """A changed file's new bytes, made from its bytes at the last reviewed head and the compare
    API's patch, and kept only when they carry the git name the compare API gave (else fetched)."""
    patch, new_sha = item.get("patch"), item.get("sha")
    old = _cached_blob(old_sha) if old_sha else b"" if item.get("status") == "added" else None
    if not isinstance(patch, str) or not isinstance(new_sha, str) or old is None:
        return None
    try:
        data = apply_patch(old.decode("utf-8"), patch).encode("utf-8")
    except (UnicodeDecodeError, ValueError, IndexError):
        return None
    if blob_sha(data) != new_sha:
        return None
    cache().put(digest("blob", new_sha), data)
    return data


def apply_patch(text: str, patch: str) -> str:
    """`text` with a unified diff's hunks applied (context lines checked: ValueError when they differ)."""
    source = text.splitlines(keepends=True)
    out: list[str] = []
    pos, last = 0, ""
    for line in patch.split("\n"):
        hunk = HUNK.match(line)
        if hunk:
            start = int(hunk.group(1)) - (0 if hunk.group(2) == "0" else 1)
            out.extend(source[pos:start])
            pos = start
        elif line.startswith((" ", "-")):
            if source[pos].rstrip("\r\n") != line[1:].rstrip("\r"):
                raise ValueError("the patch does not apply")
            if line[0] == " ":
                out.append(source[pos])
            pos, last = pos + 1, line[0]
        elif line.startswith("+"):
            out.append(line[1:] + "\n")
            last = "+"
        elif line.startswith("\\") and last in (" ", "+") and out:
            out[-1] = out[-1].rstrip("\n")  # "\ No newline at end of file" of the new side
    return "".join(out + source[pos:])


def forget_absent_packs() -> None:
    """Believe no organisation's packs absent any more (tests whose stand-in gains a `.github`)."""
    with _absent_lock:
        _absent_packs.clear()


def _is_commit(ref: str) -> bool:
    return len(ref) == 40 and all(c in "0123456789abcdef" for c in ref.lower())


def _listing_key(repo: str, sha: str) -> str:
    return digest("tree listing", repo.lower(), sha)


def _cached_listing(repo: str, sha: str) -> dict[str, Any] | None:
    data = cache().get(_listing_key(repo, sha))
    if data is None:
        return None
    try:
        listing = json.loads(data)
    except ValueError:
        return None
    return listing if isinstance(listing, dict) and isinstance(listing.get("entries"), list) else None


def _cached_blob(sha: str | None) -> bytes | None:
    """A file's bytes from the content cache, checked against its git name before use."""
    if sha is None:
        return None
    data = cache().get(digest("blob", sha))
    return data if data is not None and blob_sha(data) == sha else None


# Why an issue of another repository is not read. The same words whether it exists or not, whether
# it is private or public: the installation token may read what the PR's audience may not.
ELSEWHERE = (f"it is in another repository, which the base branch's {CONFIG_PATH} does not list under "
             "tickets.allowed_repositories, so it was not read")


class GitHubTickets:
    """GitHub issues by number (this repo, or owner/repo#N of a repository the base branch's config
    allow-lists); Jira keys through Jira when configured."""

    def __init__(self, gh: Github, repo: Repository, settings: Settings, allowed: Iterable[str] = ()) -> None:
        self.gh, self.repo, self.settings = gh, repo, settings
        self.allowed = {name.lower() for name in allowed} | {repo.full_name.lower()}

    def fetch(self, ref: TicketRef) -> Ticket:
        if ref.tracker == "jira":
            if not self.settings.jira_url:
                raise ArtifactUnavailable(f"{ref.key}: no Jira site is configured (CUSTODY_JIRA_URL)")
            from custody.reviewer.app.sources.jira import JiraTickets

            ticket: Ticket = JiraTickets(self.settings).fetch(ref)
            return ticket
        owner_repo, _, number = ref.key.rpartition("#")
        if owner_repo and owner_repo.lower() not in self.allowed:
            raise ArtifactUnavailable(ELSEWHERE)  # checked before any request: nothing is asked of GitHub
        try:
            repo = self.gh.get_repo(owner_repo) if owner_repo else self.repo
            issue = repo.get_issue(int(number))
        except (GithubException, ValueError) as exc:
            status = getattr(exc, "status", None)
            raise ArtifactUnavailable(f"issue {ref.key} could not be read (GitHub answered {status})") from exc
        return parse_github_issue(issue.raw_data, f"{repo.full_name}#{issue.number}")


def allowed_ticket_repositories(config_text: str | None) -> list[str]:
    """The other repositories the base branch's config lets PRs link issues from; none when the
    config is absent or unusable (gather reports why)."""
    try:
        return parse_repo_config(config_text).tickets.allowed_repositories
    except ConfigError:
        return []


def organisation_packs(gh: Github, repo: Repository, skipped: list[Skipped]) -> list[str]:
    """Rule packs an organisation keeps in its `.github` repository under `custody/rules/`."""
    owner = repo.full_name.split("/", 1)[0]
    where = f"{gh.requester.base_url}/{owner.lower()}"
    with _absent_lock:
        if _absent_packs.get(where, 0.0) > time.monotonic():
            return []
    try:  # one request: the folder's listing (a 304 when unchanged), not the repository first
        _, listing = gh.requester.requestJsonAndCheck(
            "GET", f"/repos/{owner}/.github/contents/{ORG_PACKS_FOLDER}")
        items = listing if isinstance(listing, list) else [listing]
        contents = [ContentFile(gh.requester, {}, item) for item in items]
    except GithubException as exc:
        if exc.status == 404:  # no `.github` repository or no packs folder is the usual case
            with _absent_lock:
                _absent_packs[where] = time.monotonic() + ABSENT_PACKS_SECONDS
        else:
            skipped.append(Skipped(what="organisation rule packs", why=f"GitHub answered {exc.status}"))
        return []
    packs: list[str] = []
    for item in contents:
        if item.type == "file" and item.name.endswith((".yml", ".yaml")) and (item.size or 0) <= MAX_BLOB_BYTES:
            try:
                packs.append(item.decoded_content.decode("utf-8"))
            except (GithubException, UnicodeDecodeError, AssertionError):
                skipped.append(Skipped(what=f"organisation rule pack {item.name}", why="unreadable"))
    return packs


def pull_request_model(pr: GhPullRequest) -> PullRequest:
    """The evidence's pull request, from PyGithub's. One the evidence cannot hold (a number past
    32 bits, from a GitHub Enterprise or a stand-in) is final: retrying reads the same."""
    try:
        return PullRequest(
            repo=pr.base.repo.full_name, number=pr.number, title=pr.title or "", body=pr.body or "",
            author=pr.user.login if pr.user else "", base_branch=pr.base.ref, head_branch=pr.head.ref,
            labels=[label.name for label in pr.labels], milestone=pr.milestone.title if pr.milestone else None,
            created_at=pr.created_at, merged_at=pr.merged_at, head_sha=pr.head.sha, base_sha=pr.base.sha,
            html_url=pr.html_url,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise JobCannotSucceed(f"GitHub's pull request cannot be reviewed: {where}: {error['msg']}") from None


def read_diff(pr: GhPullRequest, skipped: list[Skipped]) -> Diff:
    """GitHub's unified diff; past its limits (406), the files API page by page."""
    status, _headers, body = pr._requester.requestJson(
        "GET", pr.url, headers={"Accept": "application/vnd.github.diff"}
    )
    if status == 200 and isinstance(body, str):
        try:
            return parse_unified_diff(body)
        except ValueError:
            skipped.append(Skipped(what="diff", why="GitHub's diff could not be parsed; read file by file"))
    elif status != 406:
        raise ArtifactUnavailable(f"the diff could not be read (GitHub answered {status})")
    chunks: list[str] = []
    without_patch: list[str] = []
    for index, item in enumerate(pr.get_files()):
        if index >= MAX_FILES_PAGES * 100:
            skipped.append(Skipped(what="diff", why="more than 3,000 files: the rest were not read"))
            break
        patch = item.patch
        if patch is None:
            without_patch.append(item.filename)
            continue
        old = item.previous_filename or item.filename
        chunks.append(f"diff --git a/{old} b/{item.filename}\n--- a/{old}\n+++ b/{item.filename}\n{patch}\n")
    diff = parse_unified_diff("".join(chunks))
    diff.files.extend(FileChange(path=path, binary=True, truncated=True) for path in without_patch)
    if without_patch:
        skipped.append(Skipped(what=f"{len(without_patch)} file(s) of the diff",
                               why="GitHub gives no patch for binary or very large files"))
    return diff


def open_pull_request(gh: Github, job: ReviewJob) -> tuple[Repository, GhPullRequest]:
    """The job's repository and pull request; 401, 403 or 404 here is final (`JobCannotSucceed`):
    a deleted repository or a withdrawn installation does not come back by retrying."""
    with final_github_errors(f"reading {job.pr_key}"):
        repo = gh.get_repo(job.repo)
        return repo, repo.get_pull(job.number)


def github_review_input(gh: Github, job: ReviewJob, settings: Settings, registry: RegistrySource | None = None,
                        since: str | None = None) -> tuple[ReviewInput, GhPullRequest, Repository]:
    """`since`: the head reviewed last, if any; the new head's tree is read as the change from it."""
    repo, pr = open_pull_request(gh, job)
    skipped: list[Skipped] = []
    base = GitHubSnapshot(repo, pr.base.sha, skipped)
    head = GitHubSnapshot(repo, pr.head.sha, skipped, since=since)
    config_text: str | None = None
    config = base.read_bytes(CONFIG_PATH)  # the base branch's rules judge the PR, never its own
    if config is not None:
        config_text = config.decode("utf-8", "replace")
    tickets: TicketSource = GitHubTickets(gh, repo, settings, allowed_ticket_repositories(config_text))
    org_packs = organisation_packs(gh, repo, skipped)
    source = ReviewInput(
        pull_request=pull_request_model(pr), base=base, head=head, diff=read_diff(pr, skipped), tickets=tickets,
        registry=registry, skipped=skipped, config_text=config_text, org_packs=org_packs,
    )
    return source, pr, repo
