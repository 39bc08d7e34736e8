"""Everything Custody writes on GitHub carries untrusted text inert.

The attack (issue 15, Medium 7): a ticket, card or PR body with `@team`, `[login](https://evil…)`
and `![x](…)` reached the summary comment intact, and the check run's text was not escaped at all:
the bot pinged teams, posted phishing links in its own voice and loaded tracking images."""

from __future__ import annotations

import re

from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings

from tests.app.github.support import FAST, NUMBER, REPO, job

HOSTILE = "@acme/everyone see [log in](https://evil.example/login) ![x](https://t.example/p.gif) <img src=x>"


def test_hostile_ticket_and_pr_text_is_inert_in_the_comment_the_check_run_and_inline(
        world: World, standin: StandIn, settings: Settings, store: Store) -> None:
    repo = world.repo(REPO)
    assert repo is not None
    ticket = repo.issues[17]
    ticket["body"] = ticket["body"].replace("- [ ] MODEL_CARD.md reports", f"- [ ] {HOSTILE} MODEL_CARD.md reports")
    repo.pulls[NUMBER].body += f"\n\nCloses #17. {HOSTILE}"
    handle_job(job(world), settings, store, **FAST)
    written = [str(c["body"]) for c in repo.comments + repo.review_comments]
    for run in repo.check_runs:
        output = run.get("output") or {}
        written += [str(output.get(k)) for k in ("title", "summary", "text")]
        written += [str(a.get(k)) for a in run["annotations"] for k in ("title", "message")]
    everything = "\n".join(written)
    assert "acme/everyone" in everything  # the hostile criterion is shown: the test is not vacuous
    for effect in ("@acme/everyone", "![x](", "<img", "https://evil", "https://t.example"):
        assert effect not in everything, effect
    # The only links are Custody's own citations: file lines at the head commit and the ticket's own page.
    targets = re.findall(r"\]\((https?://[^)\s]+)\)", everything)
    allowed = ("https://github.com/acme/churn-model/blob/", "https://github.com/acme/churn-model/issues/")
    assert all(t.startswith(allowed) for t in targets), targets
