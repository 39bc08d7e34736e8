"""Ticket linking as GitHub does it, and criteria from GitHub, Jira (ADF) and Markdown tickets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from custody.reviewer.gather.readers.tickets import (
    extract_criteria,
    link_tickets,
    parse_jira_issue,
    parse_markdown_ticket,
    read_ticket_file,
)
from custody.reviewer.gather.review_input import ArtifactUnavailable
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.tickets import TicketRef
from hypothesis import given
from hypothesis import strategies as st

SCENARIOS = Path(__file__).resolve().parents[3] / "benchmark" / "scenarios"


Ref = tuple[str, str, bool]


def refs(
    title: str = "", body: str = "", branch: str = "", trackers: tuple[str, ...] = ("github", "jira")
) -> list[Ref]:
    pr = PullRequest(repo="acme/model", number=42, title=title, body=body, head_branch=branch)
    config = RepoConfig.model_validate({"tickets": {"trackers": list(trackers)}})
    return [(r.key, r.found_in, r.closing) for r in link_tickets(pr, config)]


def test_closing_keywords_mentions_urls_and_other_repos() -> None:
    body = "Fixes #17, see #18 and other/repo#3 and https://github.com/acme/model/issues/19"
    assert refs(body=body) == [("17", "body", True), ("18", "body", False), ("other/repo#3", "body", False),
                               ("19", "body", False)]


def test_branch_names_and_jira_keys() -> None:
    assert refs(branch="fix/17-null-body") == [("17", "branch", False)]
    assert refs(title="LEX-19: liability", branch="LEX-19-x") == [("LEX-19", "title", False)]
    assert refs(title="Retrain", branch="retrain-2026-02") == []


def test_things_that_are_not_tickets() -> None:
    body = "UTF-8 manifests, SHA-256, ISO-8601 dates, `#12` in code, ```\n#13\n``` and this PR #42 itself."
    assert refs(body=body) == []


def test_trackers_are_respected() -> None:
    assert refs(body="Closes #5, ABC-7", trackers=("github",)) == [("5", "body", True)]
    assert refs(body="Closes #5, ABC-7", trackers=("jira",)) == [("ABC-7", "body", False)]


def test_criteria_sections_checklists_and_numbered_lists() -> None:
    section = "Intro\n\n### Acceptance criteria\n- one\n- two\n\n### Notes\n- not a criterion\n"
    assert [c.text for c in extract_criteria(section, "t")] == ["one", "two"]
    checklist = "- [ ] alpha\n- [x] beta\n- plain bullet\n"
    assert [c.text for c in extract_criteria(checklist, "t")] == ["alpha", "beta"]
    numbered = "Steps:\n1. first\n2) second\n"
    assert [(c.text, c.locator) for c in extract_criteria(numbered, "t.md")] == [
        ("first", "t.md#criterion-1"), ("second", "t.md#criterion-2")]


def test_jira_adf_ticket_keeps_code_marks() -> None:
    path = SCENARIOS / "scope-08-recsys-jira-recall-at-k" / "tickets" / "REC-42.json"
    ticket = read_ticket_file("tickets/REC-42.json", path.read_bytes(), TicketRef(key="REC-42", tracker="jira",
                                                                                   found_in="title"))
    assert ticket.tracker == "jira" and ticket.title.startswith("Offline evaluation")
    assert ticket.criteria[0].text == "Report `ndcg_at_10` and `recall_at_50` in `evaluation/report.py`"


def test_markdown_and_github_tickets() -> None:
    md = read_ticket_file("tickets/PL-7.md", b"# Title here\n\n1. do it\n", TicketRef(key="PL-7", tracker="jira",
                                                                                    found_in="body"))
    assert (md.title, [c.text for c in md.criteria]) == ("Title here", ["do it"])
    issue = {"number": 3, "title": "T", "body": None, "labels": [{"name": "ml"}], "state": "open"}
    gh = read_ticket_file("tickets/3.json", json.dumps(issue).encode(), TicketRef(key="3", tracker="github",
                                                                                 found_in="body"))
    assert (gh.body, gh.labels, gh.criteria) == ("", ["ml"], [])


@pytest.mark.parametrize("data", [b"{not json", b"[1,2]", b"\xff\xfe", b'{"title": "no number"}'])
def test_unreadable_tickets_raise_a_clear_error(data: bytes) -> None:
    with pytest.raises(ArtifactUnavailable):
        read_ticket_file("tickets/9.json", data, TicketRef(key="9", tracker="github", found_in="body"))


@pytest.mark.parametrize(("payload", "reason"), [
    ({"number": 1, "labels": 1}, "labels is int, not a list"),
    ({"number": 1, "labels": [{"name": 1}]}, "a label is int, not text"),
    ({"number": 1, "html_url": 1}, "html_url is int, not text"),
    ({"number": 1, "state": []}, "state is list, not text"),
    ({"number": 1, "title": {"a": 1}}, "title is dict, not text"),
    ({"key": "PROJ-1", "fields": {"labels": True}}, "labels is bool, not a list"),
    ({"key": "PROJ-1", "fields": {"status": {"name": []}}}, "status.name is list, not text"),
    ({"key": "PROJ-1", "fields": {"summary": 3}}, "summary is int, not text"),
    ({"key": "PROJ-1", "self": 3, "fields": {}}, "self is int, not text"),
])
def test_wrong_typed_fields_make_the_ticket_unavailable_with_the_field_named(payload: dict[str, object],
                                                                            reason: str) -> None:
    with pytest.raises(ArtifactUnavailable) as caught:
        read_ticket_file("tickets/1.json", json.dumps(payload).encode(),
                         TicketRef(key="PROJ-1", tracker="jira", found_in="body"))
    assert str(caught.value) == f"tickets/1.json: {reason}"


def test_labels_as_github_and_jira_write_them() -> None:
    gh = {"number": 1, "labels": [{"name": "ml"}, "plain", {"color": "red"}], "html_url": None}
    jira = {"key": "PROJ-1", "fields": {"labels": ["a", "b"], "status": {"name": "Done"}}}
    ref = TicketRef(key="PROJ-1", tracker="jira", found_in="body")
    assert read_ticket_file("tickets/1.json", json.dumps(gh).encode(), ref).labels == ["ml", "plain"]
    ticket = read_ticket_file("tickets/PROJ-1.json", json.dumps(jira).encode(), ref)
    assert (ticket.labels, ticket.state) == (["a", "b"], "Done")


@given(st.text(max_size=300), st.text(max_size=60))
def test_linking_never_crashes(body: str, branch: str) -> None:
    refs(body=body, branch=branch)
    extract_criteria(body, "t")


def _adf_list(*items: str) -> dict[str, object]:
    return {"type": "doc", "version": 1, "content": [{"type": "bulletList", "content": [
        {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": t}]}]}
        for t in items]}]}


def test_jira_acceptance_criteria_in_a_custom_field() -> None:
    description = {"type": "doc", "version": 1, "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "Scores drift on weekends."}]}]}
    named = {"key": "ML-5", "names": {"customfield_10035": "Acceptance Criteria", "customfield_1": "Team"},
             "fields": {"summary": "Drift", "description": description,
                        "customfield_10035": _adf_list("Alert when PSI > 0.2", "Weekly report"),
                        "customfield_1": _adf_list("Platform")}}
    ticket = parse_jira_issue(named, "tickets/ML-5.json")
    assert [c.text for c in ticket.criteria] == ["Alert when PSI > 0.2", "Weekly report"]
    assert "Weekly report" in ticket.body
    unnamed = {"key": "ML-6", "fields": {"summary": "Drift", "description": description,
                                         "customfield_10035": _adf_list("Alert when PSI > 0.2")}}
    assert [c.text for c in parse_jira_issue(unnamed, "t").criteria] == ["Alert when PSI > 0.2"]
    two = {"key": "ML-7", "fields": {"summary": "Drift", "description": description,
                                     "customfield_1": _adf_list("a"), "customfield_2": _adf_list("b")}}
    assert parse_jira_issue(two, "t").criteria == []  # which one is the criteria field is unknown


def test_bug_report_steps_and_template_pledges_are_not_criteria() -> None:
    body = ("### Describe the bug\nTraining crashes.\n\n### To Reproduce\n1. Run `python train.py --fast`\n"
            "2. Wait\n\n### Checklist\n- [x] I have searched the existing issues\n- [x] I am on `torch` 2.1\n")
    assert extract_criteria(body, "t") == []
    body = "Two metrics please:\n1. Sensitivity at Specificity\n2. Specificity at Sensitivity\n"
    assert [c.text for c in extract_criteria(body, "t")] == ["Sensitivity at Specificity",
                                                             "Specificity at Sensitivity"]
    body = "**Steps to reproduce**\n1. Load `x.csv`\n\n**Tasks**\n- [ ] `load_x` handles BOM\n"
    assert [c.text for c in extract_criteria(body, "t")] == ["`load_x` handles BOM"]


# ---- prose tickets ---------------------------------------------------------------------------
PROSE = Path(__file__).resolve().parents[2] / "fixtures" / "tickets" / "prose"


def prose_ticket(name: str, key: str) -> list[tuple[str, str]]:
    ticket = parse_markdown_ticket(key, (PROSE / name).read_text(), f"tickets/{key}.md")
    assert all(c.prose for c in ticket.criteria)
    return [(c.locator, c.text) for c in ticket.criteria]


def test_a_feature_request_in_prose_promises_its_title_and_its_asking_sentences() -> None:
    criteria = prose_ticket("opentsne-156.md", "156")
    assert [locator for locator, _ in criteria] == ["tickets/156.md#title", "tickets/156.md#L7"]
    assert criteria[0][1] == "Add optional k_neighbors input parameter to PerplexityBasedNN"
    assert criteria[1][1].startswith("What do you think about adding an input parameter `k_neighbors='auto'`")
    # The statement of how things are now asks for nothing, nor does the fenced heuristic.
    assert not any("Currently" in text or "min(self.n_samples" in text for _, text in criteria)


def test_inline_triple_backticks_are_code_not_a_fence() -> None:
    criteria = prose_ticket("baycomp-8.md", "8")
    assert ("tickets/8.md#L3", "Hi, I think it would be useful to have a ```random_state``` parameter to the "
            "```two_on_multiple``` function, so we can provide reproducible code.") in criteria


def test_a_bug_report_promises_its_expected_behaviour_not_its_traceback_or_steps() -> None:
    criteria = prose_ticket("opentsne-189.md", "189")
    assert criteria == [("tickets/189.md#L8", "It sets a seed for the internal random state of annoy.")]


def test_a_bug_template_reads_the_expected_section_and_asking_sentences() -> None:
    texts = [text for _, text in prose_ticket("ragas-1907.md", "1907")]
    assert texts[-1] == ("I would like to see scores for both factual_correctness for precision and recall in "
                         "the resulting dataframe.")
    assert not any("documentation" in t or "evaluate(dataset" in t or "Ragas version" in t for t in texts)


def test_a_ticket_with_a_list_is_not_read_as_prose() -> None:
    ticket = parse_markdown_ticket("9", "# Add a flag\n\nIt would be useful to have a `--seed` flag.\n\n"
                                        "- [ ] `train.py` takes `--seed`\n", "tickets/9.md")
    assert [(c.text, c.prose) for c in ticket.criteria] == [("`train.py` takes `--seed`", False)]


def test_prose_lines_count_from_the_file_and_github_bodies_from_the_body() -> None:
    issue = {"number": 5, "title": "Bug: crash", "body": "Steps:\n\nWe should log `val_auc` too.\n"}
    ref = TicketRef(key="5", tracker="github", found_in="body")
    ticket = read_ticket_file("5.json", json.dumps(issue).encode(), ref)
    assert [(c.locator, c.prose) for c in ticket.criteria] == [("5.json#L3", True)]


def test_prose_inside_any_fence_promises_nothing() -> None:
    # A `~~~` line inside a ``` block (a shell heredoc) neither closes it nor opens another: the
    # sentence in the block is code, the one after it a request.
    body = ("Running this:\n\n```bash\ncat <<'EOF'\n~~~\nPlease add a seed parameter to the sampler.\nEOF\n```\n\n"
            "It would be useful to have a seed parameter on the sampler.\n")
    ticket = parse_markdown_ticket("12", f"# Sampler is not reproducible\n\n{body}", "tickets/12.md")
    assert [(c.locator, c.text) for c in ticket.criteria] == [
        ("tickets/12.md#L12", "It would be useful to have a seed parameter on the sampler.")]
