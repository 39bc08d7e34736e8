"""PyGithub against the loopback stand-in: one sticky comment, check runs, inline comments, commands."""

from __future__ import annotations

from custody.reviewer.app.github.commands import parse_command
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings

from tests.app.github.support import FAST, NUMBER, REPO, job, summaries


def test_review_publishes_comment_check_run_and_inline(world: World, standin: StandIn, settings: Settings,
                                                       store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    (comment,) = summaries(world)
    assert "Custody" in str(comment["body"])
    repo = world.repo(REPO)
    assert repo is not None
    (run,) = repo.check_runs
    assert run["name"] == "Custody" and run["conclusion"] in {"neutral", "failure"}
    assert run["head_sha"] == world.pull_request_info(REPO, NUMBER)["head_sha"]
    assert repo.review_comments and all("custody:finding" in c["body"] for c in repo.review_comments)
    assert store.latest_review(REPO, NUMBER) is not None
    tokens = {w["token"] for w in standin.writes if w["path"].startswith("/repos/")}
    assert tokens and all(t.startswith("ghs_") for t in tokens)  # writes use the minted installation token


def test_a_new_push_edits_the_same_comment_and_does_not_repeat_inline(world: World, standin: StandIn,
                                                                      settings: Settings, store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    repo = world.repo(REPO)
    assert repo is not None
    inline_before = len(repo.review_comments)
    files = dict(repo.trees[world.pull_request_info(REPO, NUMBER)["head_sha"]])
    files["README.md"] = b"# churn\n"
    world.push(REPO, NUMBER, files)
    handle_job(job(world), settings, store, **FAST)
    assert len(summaries(world)) == 1  # edited in place, never re-posted
    assert len(repo.check_runs) == 2
    assert len(repo.review_comments) == inline_before  # same fingerprints: not posted again
    edits = [w for w in standin.writes if w["method"] == "PATCH" and "/issues/comments/" in w["path"]]
    assert len(edits) == 1


def test_waive_needs_write_access_and_shows_up(world: World, settings: Settings, store: Store) -> None:
    repo = world.repo(REPO)
    assert repo is not None
    repo.permissions["mallory"] = "read"
    repo.permissions["lead"] = "admin"
    handle_job(job(world, trigger="command", head_sha="", requested_by="mallory",
                   command="/custody waive hygiene.unpinned-dependency lock file pins it"), settings, store, **FAST)
    assert store.waivers(REPO, NUMBER) == []
    assert any("only from people with write or triage access" in str(c["body"]) for c in repo.comments)
    handle_job(job(world, trigger="command", head_sha="", requested_by="lead",
                   command="/custody waive hygiene.unpinned-dependency lock file pins it"), settings, store, **FAST)
    (waiver,) = store.waivers(REPO, NUMBER)
    assert waiver.by == "lead" and waiver.reason == "lock file pins it"
    (comment,) = summaries(world)
    assert "waived by @lead" in str(comment["body"])


def test_explain_and_help(world: World, settings: Settings, store: Store) -> None:
    repo = world.repo(REPO)
    assert repo is not None
    repo.permissions["lead"] = "triage"
    handle_job(job(world, trigger="command", head_sha="", requested_by="lead",
                   command="/custody explain hygiene.secret"), settings, store, **FAST)
    handle_job(job(world, trigger="command", head_sha="", requested_by="lead", command="/custody dance"),
               settings, store, **FAST)
    repo = world.repo(REPO)
    assert repo is not None
    bodies = [str(c["body"]) for c in repo.comments]
    assert any("`hygiene.secret`" in b and "critical" in b for b in bodies)
    assert any("/custody waive RULE" in b for b in bodies)


def test_command_parsing() -> None:
    assert parse_command("/custody review").verb == "review"
    waive = parse_command("/custody waive card.metric-matches-registry  the card is for v3 ")
    assert (waive.verb, waive.rule, waive.reason) == ("waive", "card.metric-matches-registry", "the card is for v3")
    assert parse_command("/custody waive x.y").reason is None
    assert parse_command("/custody rm -rf").verb == "help"


def test_organisation_packs_come_from_the_org_dot_github_repository(world: World, settings: Settings,
                                                                    store: Store) -> None:
    from custody.reviewer.app.standin.world import RepoState

    pack = (b"pack: acme-org\nversion: '3'\nrules:\n  - id: org.ml-label\n"
            b"    title: PRs carry the release label\n"
            b"    agent: scope\n    kind: org.labels\n    severity: medium\n    check:\n"
            b"      cel: \"!('release' in evidence.pull_request.labels)\"\n"
            b"      params: {cite: /pull_request/labels}\n")
    dot_github = RepoState(full_name="acme/.github", id=world.new_id(), installation_id=5,
                           trees={"main": {"custody/rules/org.yml": pack}})
    world.repos["acme/.github"] = dot_github
    base = world.repo(REPO)
    assert base is not None
    base_sha = world.pull_request_info(REPO, NUMBER)["base_sha"]
    base.trees[base_sha][".github/custody.yml"] = b"rules:\n  packs: [builtin, org]\n"
    handle_job(job(world), settings, store, **FAST)
    record = store.latest_review(REPO, NUMBER)
    assert record is not None
    (comment,) = summaries(world)
    assert "org.ml-label" in str(comment["body"])
