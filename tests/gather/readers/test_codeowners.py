"""CODEOWNERS as GitHub reads it: last match wins, ownerless lines unown, bad lines reported."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.readers.codeowners import parse_codeowners
from custody.reviewer.gather.scenario import load_scenario

# The example from GitHub's documentation of CODEOWNERS, trimmed.
DOCS_EXAMPLE = """\
# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
/apps/ @octocat
/apps/github
**/logs @octocat
"""


def test_githubs_documented_example() -> None:
    owners = parse_codeowners(DOCS_EXAMPLE)
    assert owners.problems == []
    assert owners.owners_of("README.md") == ("@global-owner1", "@global-owner2")
    assert owners.owners_of("src/app.js") == ("@js-owner",)
    assert owners.owners_of("build/logs/today.txt") == ("@octocat",)  # `**/logs` comes later
    assert owners.owners_of("docs/getting-started.md") == ("@doctocat",)
    assert owners.owners_of("apps/github/x.py") == ()  # a line without owners unowns
    assert owners.owners_of("scripts/run.sh") == ("@doctocat", "@octocat")
    assert owners.owners_of_all(["src/app.js", "scripts/run.sh"]) == ["@doctocat", "@js-owner", "@octocat"]


def test_bad_lines_are_reported_and_the_rest_still_counts() -> None:
    owners = parse_codeowners("!negated @a\n[abc].py @b\n*.py not-an-owner\n*.md @Docs-Team\n")
    assert len(owners.problems) == 3 and all(p.startswith("line ") for p in owners.problems)
    assert owners.owners_of("a.md") == ("@docs-team",)


def test_gather_names_the_owners_of_changed_files_from_the_base_branch() -> None:
    evidence = gather(load_scenario(Path(__file__).resolve().parents[3] / "examples" / "churn-retrain"))
    assert evidence.code_owners == ["@acme/churn-squad", "@acme/ml-platform", "@acme/model-risk"]
