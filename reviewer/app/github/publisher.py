"""Publish a review: one sticky summary comment, the `Custody` check run, inline comments on hunks."""

from __future__ import annotations

import logging
import re
from typing import Any

from custody.reviewer.model.findings import SEVERITY_ORDER, Finding, Verdict
from custody.reviewer.outcome.conclude import degraded_banner
from custody.reviewer.outcome.markdown import MARKER, MAX_COMMENT_CHARS, headline, plural
from custody.reviewer.outcome.scoring import risk_word
from custody.reviewer.outcome.untrusted import inert_line
from custody.reviewer.review import ReviewOutcome
from github import GithubException
from github.PullRequest import PullRequest as GhPullRequest
from github.Repository import Repository

log = logging.getLogger(__name__)

CHECK_NAME = "Custody"
MAX_ANNOTATIONS = 50  # per request; the rest go in follow-up updates
MAX_OUTPUT = 65_535
FINGERPRINT = re.compile(r"<!-- custody:finding ([0-9a-f]{16}) -->")
LEVEL = {"critical": "failure", "high": "failure", "medium": "warning", "low": "notice", "info": "notice"}
CHECK_TITLE = {"failure": "Blocking findings stand", "neutral": "Findings to look at", "success": "No blocking delta"}


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
                 check_name: str = CHECK_NAME) -> None:
        """`app_login` is the App's bot user (`<slug>[bot]`): the only comments edited or trusted.
        Without a pull request (an admission traced to a commit alone) only the check run is published."""
        self.repo, self.pr, self.head_sha, self.app_login = repo, pr, head_sha, app_login
        self.check_name = check_name

    @property
    def pull(self) -> GhPullRequest:
        if self.pr is None:
            raise ValueError("this publisher has no pull request to comment on")
        return self.pr

    def publish(self, outcome: ReviewOutcome) -> None:
        self.upsert_summary(outcome.comment)
        self.publish_check_run(outcome.verdict)
        try:
            self.publish_inline(outcome)
        except GithubException as exc:  # inline comments are a courtesy: never fail the review on them
            log.warning("inline comments not posted: GitHub answered %s", exc.status)

    def upsert_summary(self, body: str) -> None:
        """Edit the App's own comment carrying the marker; create it only when there is none. A
        marker in anyone else's comment is text, not a summary to take over."""
        body = body[:MAX_COMMENT_CHARS]
        for comment in self.pull.get_issue_comments():
            if MARKER in (comment.body or "") and written_by(comment, self.app_login):
                if comment.body != body:
                    comment.edit(body)
                return
        self.pull.create_issue_comment(body)

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
        output: dict[str, Any] = {"title": CHECK_TITLE[verdict.conclusion], "summary": summary[:MAX_OUTPUT],
                                  "text": text[:MAX_OUTPUT] or "No findings.",
                                  "annotations": annotations[:MAX_ANNOTATIONS]}
        run = self.repo.create_check_run(name=self.check_name, head_sha=self.head_sha, status="completed",
                                         conclusion=verdict.conclusion, output=output)
        for start in range(MAX_ANNOTATIONS, len(annotations), MAX_ANNOTATIONS):
            run.edit(output={"title": output["title"], "summary": output["summary"],
                             "annotations": annotations[start:start + MAX_ANNOTATIONS]})

    def publish_inline(self, outcome: ReviewOutcome) -> None:
        """One review with a comment per finding on a changed line, skipping ones already posted."""
        posted = {m.group(1) for c in self.pull.get_review_comments() if written_by(c, self.app_login)
                  for m in FINGERPRINT.finditer(c.body or "")}
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
