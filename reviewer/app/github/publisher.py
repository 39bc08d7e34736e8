"""Publish a review: one sticky summary comment, the `Custody` check run, inline comments on hunks."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import requests
from custody.reviewer.app.store.pr_state import Written
from custody.reviewer.model.digest import digest
from custody.reviewer.model.findings import SEVERITY_ORDER, Finding, Verdict
from custody.reviewer.outcome.conclude import degraded_banner
from custody.reviewer.outcome.markdown import MARKER, MAX_COMMENT_CHARS, headline, plural
from custody.reviewer.outcome.scoring import risk_word
from custody.reviewer.outcome.untrusted import inert_line
from custody.reviewer.review import ReviewOutcome
from github import GithubException, UnknownObjectException
from github.IssueComment import IssueComment
from github.PullRequest import PullRequest as GhPullRequest
from github.Repository import Repository

log = logging.getLogger(__name__)

CHECK_NAME = "Custody"
MAX_ANNOTATIONS = 50  # per request; the rest go in follow-up updates
MAX_OUTPUT = 65_535
FINGERPRINT = re.compile(r"<!-- custody:finding ([0-9a-f]{16}) -->")
# At the end of the check run's text, hidden: a digest of everything the run was written with.
CHECK_DIGEST = "\n\n<!-- custody:check {} -->"
LEVEL = {"critical": "failure", "high": "failure", "medium": "warning", "low": "notice", "info": "notice"}
CHECK_TITLE = {"failure": "Blocking findings stand", "neutral": "Findings to look at", "success": "No blocking delta"}
# The head commit as the comment names it (` · head `abc1234``), and its longer forms in links.
HEAD_MENTION = re.compile(r" · head `([0-9a-f]{7})`")
T = TypeVar("T")


class Memory(Protocol):
    """What the store remembers of the App's writes on a PR (see store/pr_state.py)."""

    def written(self, repo: str, number: int) -> Written: ...

    def comment_creating(self, repo: str, number: int) -> None: ...

    def comment_written(self, repo: str, number: int, comment_id: int | None) -> None: ...

    def inline_posting(self, repo: str, number: int, fingerprints: set[str]) -> None: ...

    def inline_posted(self, repo: str, number: int, fingerprints: set[str]) -> None: ...

    def reviewed(self, repo: str, number: int, head_sha: str) -> None: ...

    def check_run_creating(self, repo: str, head_sha: str) -> tuple[bool, int | None]: ...

    def check_run_written(self, repo: str, head_sha: str, run_id: int) -> None: ...


class AnswerLost(RuntimeError):
    """A create was sent, its answer never came, and what it created was not found either."""


def _maybe_performed(exc: Exception) -> bool:
    """The write may have happened: the connection dropped after sending, or GitHub answered 5xx."""
    if isinstance(exc, GithubException):
        return exc.status >= 500
    return isinstance(exc, requests.RequestException)


def same_report(old: str, new: str) -> bool:
    """The two comment bodies say the same thing but for the head commit they name (and link to)."""
    def unnamed(body: str) -> str:
        mention = HEAD_MENTION.search(body)
        if mention is None:
            return body
        return re.sub(rf"\b{mention.group(1)}[0-9a-f]{{0,33}}\b", "HEAD", body)
    return old == new or unnamed(old) == unnamed(new)


def inline_body(finding: Finding) -> str:
    """Messages and locators carry ticket, card and PR text: each is written inert (see untrusted)."""
    cites = ", ".join(f"`{inert_line(c.locator, 200)}`" for c in finding.citations[:3])
    return (f"<!-- custody:finding {finding.fingerprint} -->\n**{finding.severity}** · `{finding.rule}` "
            f"({finding.agent})\n\n{inert_line(finding.message, 8_000)}\n\n<sub>Evidence: {cites}</sub>")


def written_by(comment: Any, login: str) -> bool:
    """The comment's author is the App's bot user. Anyone can type the hidden markers; only the
    App can write as `<slug>[bot]` (brackets are not allowed in a person's login)."""
    user = getattr(comment, "user", None)
    return user is not None and user.type == "Bot" and (user.login or "").lower() == login.lower()


class GitHubPublisher:
    def __init__(self, repo: Repository, pr: GhPullRequest | None, head_sha: str, app_login: str,
                 memory: Memory | None = None, check_name: str = CHECK_NAME) -> None:
        """`app_login` is the App's bot user (`<slug>[bot]`): the only comments edited or trusted.
        With `memory` (the store), the App's comment, check runs and inline fingerprints are
        remembered instead of searched for, and each create is marked before it is sent. Without a
        pull request (an admission traced to a commit alone) only the check run is published."""
        self.repo, self.pr, self.head_sha, self.app_login, self.memory = repo, pr, head_sha, app_login, memory
        self.check_name = check_name

    @property
    def pull(self) -> GhPullRequest:
        if self.pr is None:
            raise ValueError("this publisher has no pull request to comment on")
        return self.pr

    @property
    def _key(self) -> tuple[str, int]:
        return self.repo.full_name, self.pull.number

    def publish(self, outcome: ReviewOutcome) -> None:
        self.upsert_summary(outcome.comment)
        self.publish_check_run(outcome.verdict)
        try:
            self.publish_inline(outcome)
        except GithubException as exc:  # inline comments are a courtesy: never fail the review on them
            log.warning("inline comments not posted: GitHub answered %s", exc.status)
        except requests.RequestException:  # still marked as under way: the next review looks on GitHub
            log.warning("inline comments: the answer was lost")
        if self.memory is not None:
            self.memory.reviewed(*self._key, self.head_sha)

    # -- the summary comment ---------------------------------------------------------------------

    def upsert_summary(self, body: str) -> None:
        """Edit the App's own comment carrying the marker; create it only when there is none. A
        marker in anyone else's comment is text, not a summary to take over. No edit when the new
        body says the same as the old one (the head it names aside)."""
        body = body[:MAX_COMMENT_CHARS]
        comment = self._remembered_comment()
        remembered = comment is not None
        if comment is None:
            comment = self._find_summary()
        if comment is not None:
            if not same_report(comment.body or "", body):
                comment.edit(body)
            if self.memory is not None and not remembered:
                self.memory.comment_written(*self._key, comment.id)
            return
        created = self._create_once(lambda: self.pull.create_issue_comment(body), self._find_summary,
                                    self.memory.comment_creating if self.memory else None)
        if self.memory is not None:
            self.memory.comment_written(*self._key, created.id)

    def _remembered_comment(self) -> IssueComment | None:
        """The comment the store names, checked on GitHub (a conditional GET: 304 when untouched)."""
        if self.memory is None:
            return None
        written = self.memory.written(*self._key)
        if written.comment_id is None:
            return None
        try:
            comment = self.pull.get_issue_comment(written.comment_id)
        except UnknownObjectException:  # deleted: forget it, and look (someone may have moved it)
            self.memory.comment_written(*self._key, None)
            return None
        return comment if written_by(comment, self.app_login) and MARKER in (comment.body or "") else None

    def _find_summary(self) -> IssueComment | None:
        return next((c for c in self.pull.get_issue_comments()
                     if MARKER in (c.body or "") and written_by(c, self.app_login)), None)

    def _create_once(self, create: Callable[[], T], find: Callable[[], T | None],
                     mark: Callable[[str, int], None] | None) -> T:
        """Create, after marking the create as under way; when the answer is lost, look for what it
        made before anything is sent again (the next attempt of the job looks too, seeing the mark)."""
        if mark is not None:
            mark(*self._key)
        try:
            return create()
        except (GithubException, requests.RequestException) as exc:
            if not _maybe_performed(exc):
                raise
            found = find()
            if found is None:
                raise AnswerLost("a create's answer was lost and nothing it made was found") from exc
            log.info("a create's answer was lost; found what it made")
            return found

    def publish_check_run(self, verdict: Verdict) -> None:
        annotations = [_annotation(f) for f in verdict.findings if f.path and f.line and f.waiver is None]
        blocking = sum(1 for f in verdict.findings if f.stands)
        summary = (f"{headline(verdict)}. Risk: {risk_word(verdict.risk.overall)} ({verdict.risk.overall}/100); "
                   f"{plural(len(verdict.findings), 'finding')}, {blocking} blocking. "
                   + " · ".join(f"{a} {r}" for a, r in sorted(verdict.risk.agents.items())))
        # The check run's text is Markdown too: every piece that comes from a ticket, card, PR or
        # comment is written inert, one line each (no headings, lists or link definitions of its own).
        text = "\n".join(f"- **{f.severity}** `{f.rule}` {inert_line(f.subject, 300)}: {inert_line(f.message)}" +
                         (f" (waived by @{inert_line(f.waiver.by, 40)}: {inert_line(f.waiver.reason, 500)})"
                          if f.waiver else "")
                         for f in verdict.findings)
        banner = "\n".join(degraded_banner(verdict))
        if banner:
            summary = banner + "\n\n" + summary
        skipped = "\n".join(f"- {inert_line(s.what, 300)}: {inert_line(s.why, 600)}" for s in verdict.coverage.skipped)
        if skipped:
            text += "\n\n**Not checked**\n" + skipped
        title, summary = CHECK_TITLE[verdict.conclusion], summary[:MAX_OUTPUT]
        said = digest(json.dumps([verdict.conclusion, title, summary, text, annotations], sort_keys=True))[:32]
        mark = CHECK_DIGEST.format(said)
        output: dict[str, Any] = {"title": title, "summary": summary,
                                  "text": (text or "No findings.")[:MAX_OUTPUT - len(mark)] + mark,
                                  "annotations": annotations[:MAX_ANNOTATIONS]}
        fields: dict[str, Any] = {"status": "completed", "conclusion": verdict.conclusion, "output": output}
        run_id = self._existing_check_run()
        if run_id is not None and self._run_shows(run_id, fields):
            # A review of the same head that says the same: nothing to write (an update would also
            # add every annotation to the run a second time: GitHub appends them).
            if self.memory is not None:
                self.memory.check_run_written(self.repo.full_name, self.head_sha, run_id)
            return
        if run_id is not None:
            try:
                self._edit_check_run(run_id, fields)
            except UnknownObjectException:
                run_id = None
        if run_id is None:  # (the store marked the create as under way when it was asked above)
            run_id = self._create_once(
                lambda: int(self.repo.create_check_run(name=self.check_name, head_sha=self.head_sha, **fields).id),
                self._find_check_run, None)
        if self.memory is not None:
            self.memory.check_run_written(self.repo.full_name, self.head_sha, run_id)
        for start in range(MAX_ANNOTATIONS, len(annotations), MAX_ANNOTATIONS):
            self._edit_check_run(run_id, {"output": {"title": output["title"], "summary": output["summary"],
                                                     "annotations": annotations[start:start + MAX_ANNOTATIONS]}})

    def _existing_check_run(self) -> int | None:
        """The head's check run when one was written (or a create was sent) before: one per head."""
        if self.memory is None:
            return None
        sent, run_id = self.memory.check_run_creating(self.repo.full_name, self.head_sha)
        if not sent or run_id is not None:
            return run_id
        return self._find_check_run()  # a create went out and its answer was lost: did it land?

    def _run_shows(self, run_id: int, fields: dict[str, Any]) -> bool:
        """The check run on GitHub is completed with exactly these fields (its text ends with their
        digest). A conditional GET, unpaced: it saves a write, which the installation's pacing spaces."""
        try:
            _, data = self.repo._requester.requestJsonAndCheck("GET", f"{self.repo.url}/check-runs/{run_id}")
        except GithubException:
            return False  # gone or unreadable: written as before (an unknown run is created anew)
        data = data or {}
        return bool(data.get("status") == fields["status"] and data.get("conclusion") == fields["conclusion"]
                    and (data.get("output") or {}).get("text") == fields["output"]["text"])

    def _find_check_run(self) -> int | None:
        """The App's own `Custody` run on the head, if GitHub has one (another App may use the name)."""
        _, data = self.repo._requester.requestJsonAndCheck(
            "GET", f"{self.repo.url}/commits/{self.head_sha}/check-runs", parameters={"check_name": self.check_name})
        slug = self.app_login.lower().removesuffix("[bot]")
        for run in (data or {}).get("check_runs", []):
            if run.get("name") == self.check_name and str((run.get("app") or {}).get("slug", "")).lower() == slug:
                return int(run["id"])
        return None

    def _edit_check_run(self, run_id: int, fields: dict[str, Any]) -> None:
        self.repo._requester.requestJsonAndCheck("PATCH", f"{self.repo.url}/check-runs/{run_id}", input=fields)

    def publish_inline(self, outcome: ReviewOutcome) -> None:
        """One review with a comment per finding on a changed line, skipping ones already posted."""
        written = self.memory.written(*self._key) if self.memory is not None else Written()
        if written.fingerprints is not None and not written.inline_pending:
            posted = written.fingerprints
        else:  # never recorded, or a post whose answer was lost: what is on GitHub decides
            posted = self._posted_fingerprints()
            if self.memory is not None:
                self.memory.inline_posted(*self._key, posted)
        comments: list[dict[str, Any]] = []
        for finding in outcome.verdict.findings:
            if not finding.path or not finding.line or finding.fingerprint in posted:
                continue
            if SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER["low"]:
                continue
            change = outcome.evidence.diff.get(finding.path)
            if change is None or finding.line not in change.commentable_lines():
                continue  # outside every hunk: GitHub would reject the whole review
            comments.append({"path": finding.path, "line": finding.line, "side": "RIGHT",
                             "body": inline_body(finding)})
        if not comments:
            return
        fingerprints = {m.group(1) for c in comments for m in FINGERPRINT.finditer(c["body"])}
        if self.memory is not None:
            self.memory.inline_posting(*self._key, fingerprints)
        self._post_review(comments)
        if self.memory is not None:
            # Refused anchors are recorded too: GitHub would refuse them again on every push.
            self.memory.inline_posted(*self._key, fingerprints)

    def _posted_fingerprints(self) -> set[str]:
        return {m.group(1) for c in self.pull.get_review_comments() if written_by(c, self.app_login)
                for m in FINGERPRINT.finditer(c.body or "")}

    def _post_review(self, comments: list[dict[str, Any]]) -> None:
        try:
            self.pull.create_review(body="Custody: findings on changed lines.", event="COMMENT",
                                  comments=comments)  # type: ignore[arg-type]
        except GithubException as exc:
            if exc.status != 422 or len(comments) == 1:
                raise
            # One anchor GitHub refuses sinks the review: post the rest one by one, dropping refusals.
            for comment in comments:
                try:
                    self.pull.create_review(body="", event="COMMENT", comments=[comment])  # type: ignore[list-item]
                except GithubException as single:
                    log.info("inline comment on %s:%s refused (%s)", comment["path"], comment["line"], single.status)


def _annotation(finding: Finding) -> dict[str, Any]:
    return {"path": finding.path, "start_line": finding.line, "end_line": finding.line,
            "annotation_level": LEVEL[finding.severity],
            "title": f"{finding.rule}: {inert_line(finding.subject, 200)}"[:255],
            "message": inert_line(finding.message, 64_000)}
