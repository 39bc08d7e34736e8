"""Which linked issues the worker reads: the PR's own repository, allow-listed ones, at most ten.

The attack (issue 15, High 1): a PR body `Closes acme/secret-roadmap#7` made the worker read a
private issue of another repository with the installation token and quote it in the PR; "not
checked" even said whether it existed. Medium 5: thousands of `#N` spent the API budget."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.world import RepoState, tree_sha
from custody.reviewer.app.store import Store
from custody.reviewer.gather.assemble import MAX_TICKETS_FOLLOWED
from custody.reviewer.settings import Settings

from tests.app.github.support import FAST, NUMBER, REPO, job, summaries

SECRET = "acme/secret-roadmap"
SECRET_WORDS = "Launch PROJECT-NIGHTJAR to the Frankfurt customers"


def secret_issue(number: int) -> dict[str, Any]:
    return {"number": number, "title": "Confidential roadmap", "state": "open", "labels": [],
            "html_url": f"https://github.com/{SECRET}/issues/{number}",
            "body": f"## Acceptance criteria\n- [ ] {SECRET_WORDS}\n"}


def add_secret_repo(world: World) -> None:
    world.repos[SECRET] = RepoState(full_name=SECRET, id=world.new_id(), installation_id=5,
                                    issues={7: secret_issue(7)})


def set_body(world: World, body: str) -> None:
    repo = world.repo(REPO)
    assert repo is not None
    repo.pulls[NUMBER].body = body


def set_base_config(world: World, change: dict[str, Any]) -> None:
    """A new base commit whose `.github/custody.yml` carries `change` under `tickets`."""
    repo = world.repo(REPO)
    assert repo is not None
    pr = repo.pulls[NUMBER]
    files = dict(repo.trees[pr.base_sha])
    config = yaml.safe_load(files[".github/custody.yml"])
    config["tickets"].update(change)
    files[".github/custody.yml"] = yaml.safe_dump(config).encode()
    repo.trees[tree_sha(files)] = files
    pr.base_sha = tree_sha(files)


def issue_reads(standin: StandIn) -> list[str]:
    """Wrap the stand-in's issue route: every repository/number the worker asked for."""
    seen: list[str] = []
    for index, (verb, pattern, action) in enumerate(standin.routes):
        if action == standin.get_issue:
            def spy(o: str, n: str, num: str, _action: Any = action, **rest: Any) -> tuple[Any, ...]:
                seen.append(f"{o}/{n}#{num}")
                result: tuple[Any, ...] = _action(o=o, n=n, num=num, **rest)
                return result
            standin.routes[index] = (verb, pattern, spy)
    return seen


def published(world: World) -> str:
    repo = world.repo(REPO)
    assert repo is not None
    texts = [str(c["body"]) for c in repo.comments + repo.review_comments]
    texts += [str(run.get("output")) for run in repo.check_runs]
    return "\n".join(texts)


def not_checked_reason(store: Store, key: str) -> str:
    audit = store.latest_audit(REPO, NUMBER)
    assert audit is not None
    evidence, _verdict = audit
    return next(s["why"] for s in evidence["skipped"] if s["what"] == f"ticket {key}")


def test_an_issue_of_another_repository_is_never_read_nor_quoted(world: World, standin: StandIn,
                                                                   settings: Settings, store: Store) -> None:
    add_secret_repo(world)
    reads = issue_reads(standin)
    set_body(world, f"Closes {SECRET}#7, see also {SECRET}#8, acme/nowhere#1 and "
                    f"https://github.com/{SECRET}/issues/7. Also #17.")
    handle_job(job(world), settings, store, **FAST)
    assert reads == ["acme/churn-model#17"]  # only the PR's own repository was asked
    assert SECRET_WORDS not in published(world) and "Confidential roadmap" not in published(world)
    # The same words for an issue that exists, one that does not, and a repository that does not:
    reasons = {not_checked_reason(store, key) for key in (f"{SECRET}#7", f"{SECRET}#8", "acme/nowhere#1")}
    assert len(reasons) == 1 and "allowed_repositories" in reasons.pop()
    assert len(summaries(world)) == 1


def test_the_base_branch_config_can_allow_list_another_repository(world: World, standin: StandIn,
                                                                   settings: Settings, store: Store) -> None:
    add_secret_repo(world)
    reads = issue_reads(standin)
    set_base_config(world, {"allowed_repositories": [SECRET.upper()]})  # GitHub names are case-blind
    set_body(world, f"Closes {SECRET}#7 and acme/elsewhere#3.")
    handle_job(job(world), settings, store, **FAST)
    assert f"{SECRET}#7" in reads and "acme/elsewhere#3" not in reads
    audit = store.latest_audit(REPO, NUMBER)
    assert audit is not None
    assert [t["source"] for t in audit[0]["tickets"]] == [f"{SECRET}#7"]
    assert "allowed_repositories" in not_checked_reason(store, "acme/elsewhere#3")


def test_the_head_branch_cannot_allow_list_a_repository(world: World, standin: StandIn,
                                                         settings: Settings, store: Store) -> None:
    add_secret_repo(world)
    reads = issue_reads(standin)
    repo = world.repo(REPO)
    assert repo is not None
    head = dict(repo.trees[repo.pulls[NUMBER].head_sha])
    head[".github/custody.yml"] = yaml.safe_dump({"tickets": {"allowed_repositories": [SECRET]}}).encode()
    world.push(REPO, NUMBER, head)
    set_body(world, f"Closes {SECRET}#7")
    handle_job(job(world), settings, store, **FAST)
    assert reads == []


@pytest.mark.parametrize("value", [["acme/*"], ["acme"], ["acme/../secret"], "acme/roadmap", [7]])
def test_the_allow_list_takes_exact_repository_names_only(value: object) -> None:
    from custody.reviewer.gather.config import ConfigError, parse_repo_config

    with pytest.raises(ConfigError, match="allowed_repositories"):
        parse_repo_config(yaml.safe_dump({"tickets": {"allowed_repositories": value}}))


def test_thousands_of_references_cost_ten_lookups_and_the_rest_are_disclosed(
        world: World, standin: StandIn, settings: Settings, store: Store) -> None:
    reads = issue_reads(standin)
    set_body(world, " ".join(f"#{n}" for n in range(1000, 4000)) + " Closes #17.")
    handle_job(job(world), settings, store, **FAST)
    assert len(reads) == MAX_TICKETS_FOLLOWED
    assert "acme/churn-model#17" in reads  # a closing reference is read before the others
    (comment,) = summaries(world)
    assert "2991 more linked ticket(s)" in str(comment["body"])
    _evidence, verdict = store.latest_audit(REPO, NUMBER) or ({}, {})
    unreadable = [f for f in verdict["findings"] if f["rule"] == "scope.ticket-unreadable"]
    assert len(unreadable) <= MAX_TICKETS_FOLLOWED
