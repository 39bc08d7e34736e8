"""Publish a review: one sticky summary comment, the `Custody` check run, inline comments on hunks."""

from __future__ import annotations

import logging
import re
from typing import Any

from custody.reviewer.model.findings import SEVERITY_ORDER, Finding, Verdict
from custody.reviewer.outcome.conclude import degraded_banner
from custody.reviewer.outcome.markdown import MARKER, MAX_COMMENT_CHARS
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
    cites = ", ".join(f"`{c.locator}`" for c in finding.citations[:3])
    return (f"<!-- custody:finding {finding.fingerprint} -->\n**{finding.severity}** · `{finding.rule}` "
            f"({finding.agent})\n\n{finding.message}\n\n<sub>Evidence: {cites}</sub>")


class GitHubPublisher:
    def __init__(self, repo: Repository, pr: GhPullRequest, head_sha: str) -> None:
        self.repo, self.pr, self.head_sha = repo, pr, head_sha

    def publish(self, outcome: ReviewOutcome) -> None:
        self.upsert_summary(outcome.comment)
        self.publish_check_run(outcome.verdict)
        try:
            self.publish_inline(outcome)
        except GithubException as exc:  # inline comments are a courtesy: never fail the review on them
            log.warning("inline comments not posted: GitHub answered %s", exc.status)

    def upsert_summary(self, body: str) -> None:
        """Edit the comment carrying the marker; create it only when there is none."""
        body = body[:MAX_COMMENT_CHARS]
        for comment in self.pr.get_issue_comments():
            if MARKER in (comment.body or ""):
                if comment.body != body:
                    comment.edit(body)
                return
        self.pr.create_issue_comment(body)

    def publish_check_run(self, verdict: Verdict) -> None:
        annotations = [_annotation(f) for f in verdict.findings if f.path and f.line and f.waiver is None]
        summary = (f"Overall risk {verdict.risk.overall}/100; {len(verdict.findings)} finding(s), "
                   f"{sum(1 for f in verdict.findings if f.stands)} blocking. "
                   + " · ".join(f"{a} {r}" for a, r in sorted(verdict.risk.agents.items())))
        text = "\n".join(f"- **{f.severity}** `{f.rule}` {f.subject}: {f.message}" +
                         (f" (waived by @{f.waiver.by}: {f.waiver.reason})" if f.waiver else "")
                         for f in verdict.findings)
        banner = "\n".join(degraded_banner(verdict))
        if banner:
            summary = banner + "\n\n" + summary
        skipped = "\n".join(f"- {s.what}: {s.why}" for s in verdict.coverage.skipped)
        if skipped:
            text += "\n\n**Not checked**\n" + skipped
        output: dict[str, Any] = {"title": CHECK_TITLE[verdict.conclusion], "summary": summary[:MAX_OUTPUT],
                                  "text": text[:MAX_OUTPUT] or "No findings.",
                                  "annotations": annotations[:MAX_ANNOTATIONS]}
        run = self.repo.create_check_run(name=CHECK_NAME, head_sha=self.head_sha, status="completed",
                                         conclusion=verdict.conclusion, output=output)
        for start in range(MAX_ANNOTATIONS, len(annotations), MAX_ANNOTATIONS):
            run.edit(output={"title": output["title"], "summary": output["summary"],
                             "annotations": annotations[start:start + MAX_ANNOTATIONS]})

    def publish_inline(self, outcome: ReviewOutcome) -> None:
        """One review with a comment per finding on a changed line, skipping ones already posted."""
        posted = {m.group(1) for c in self.pr.get_review_comments() for m in FINGERPRINT.finditer(c.body or "")}
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
            self.pr.create_review(body="Custody: findings on changed lines.", event="COMMENT",
                                  comments=comments)  # type: ignore[arg-type]
        except GithubException as exc:
            if exc.status != 422 or len(comments) == 1:
                raise
            # One anchor GitHub refuses sinks the review: post the rest one by one, dropping refusals.
            for comment in comments:
                try:
                    self.pr.create_review(body="", event="COMMENT", comments=[comment])  # type: ignore[list-item]
                except GithubException as single:
                    log.info("inline comment on %s:%s refused (%s)", comment["path"], comment["line"], single.status)


def _annotation(finding: Finding) -> dict[str, Any]:
    return {"path": finding.path, "start_line": finding.line, "end_line": finding.line,
            "annotation_level": LEVEL[finding.severity], "title": f"{finding.rule}: {finding.subject}"[:255],
            "message": finding.message[:64_000]}
