"""Recorded reviews: the verdict and its rows, tags and promises, the daily rollups, and the reads of them."""

from __future__ import annotations

from datetime import UTC, datetime

from custody.reviewer.app.store import ReviewRecord, Store, models
from custody.reviewer.app.store.reviews import day_number, review_tags
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.findings import Coverage, Finding, Promise, Risk, Verdict, Waiver
from custody.reviewer.review import ReviewOutcome
from sqlalchemy import func, select

REPO = "acme/churn"
OPENED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
MERGED = datetime(2026, 11, 5, 17, 0, tzinfo=UTC)


def outcome(number: int = 7, head_sha: str = "a" * 40, repo: str = REPO, title: str = "Retrain churn",
            base_sha: str = "c" * 40) -> ReviewOutcome:
    pr = PullRequest(repo=repo, number=number, title=title, author="octocat", milestone="Sprint 46",
                     created_at=OPENED, merged_at=MERGED, head_sha=head_sha, base_sha=base_sha)
    evidence = Evidence(pull_request=pr, head_texts={"params.yaml": "seed: 7\n"})
    waiver = Waiver(rule="card.metric-mismatch", by="lead", reason="re-run pending", at="2026-11-03T10:00:00Z")
    findings = [
        Finding(kind="metric_mismatch", agent="card", rule="card.metric-mismatch", severity="high", blocking=True,
                subject="AUC", message="The card claims AUC 0.91; the champion run logged 0.87.",
                citations=[Citation(artifact="model_card", locator="MODEL_CARD.md#L12")], path="MODEL_CARD.md",
                line=12, waiver=waiver),
        Finding(kind="unseeded_split", agent="hygiene", rule="hygiene.unseeded-split", severity="medium",
                blocking=True, subject="train_test_split", message="train_test_split without random_state.",
                citations=[Citation(artifact="diff", locator="train.py#L40")], path="train.py", line=40),
    ]
    verdict = Verdict(
        conclusion="failure",
        risk=Risk(overall=62, agents={"card": 40, "hygiene": 22}),
        findings=findings,
        coverage=Coverage(checked=["model card"]),
        repo=repo,
        number=number,
        head_sha=head_sha,
        waivers=[waiver],
    )
    return ReviewOutcome(evidence=evidence, verdict=verdict, comment="<!-- custody -->\n**Custody**: 1 blocking")


def test_save_review_round_trip(store: Store) -> None:
    original = outcome()
    review_id = store.save_review(original, installation_id=4_000_000_001, delivery_id="d-9", trigger="pull_request")
    assert isinstance(review_id, int)

    record = store.latest_review(REPO, 7)
    assert record == ReviewRecord(
        id=review_id,
        repo=REPO,
        number=7,
        head_sha="a" * 40,
        conclusion="failure",
        risk=62,
        agent_risk={"card": 40, "hygiene": 22},
        findings=2,
        blocking=1,
        waived=1,
        title="Retrain churn",
        author="octocat",
        milestone="Sprint 46",
        pr_created_at=OPENED,
        merged_at=MERGED,
        sprint_day=day_number(MERGED),  # a merged PR sits in the sprint of its merge
        sprint_by_merge=True,
        trigger="pull_request",
        installation_id=4_000_000_001,
        delivery_id="d-9",
        created_at=record.created_at if record else OPENED,
    )
    assert record is not None and record.created_at.tzinfo is not None

    with store._sessions() as session:
        row = session.get(models.Review, review_id)
        assert row is not None
        assert Evidence.model_validate(row.evidence) == original.evidence
        assert Verdict.model_validate(row.verdict) == original.verdict
        assert row.evidence["schema"] == "custody.evidence/v1"  # dumped by alias, as documented
        assert row.comment == original.comment
        rows = models.FindingRow
        findings = session.scalars(select(rows).where(rows.review_id == review_id).order_by(rows.id))
        stored = [
            (f.kind, f.agent, f.rule, f.severity, f.blocking, f.subject, f.path, f.line, f.waived, f.fingerprint)
            for f in findings
        ]
        query = select(models.AgentRisk.agent, models.AgentRisk.risk).where(models.AgentRisk.review_id == review_id)
        risks = {agent: risk for agent, risk in session.execute(query)}
    assert stored == [
        (
            f.kind,
            f.agent,
            f.rule,
            f.severity,
            f.blocking,
            f.subject,
            f.path,
            f.line,
            f.waiver is not None,
            f.fingerprint,
        )
        for f in original.verdict.findings
    ]
    assert risks == {"card": 40, "hygiene": 22}


def test_reviews_are_listed_newest_first_and_filtered_by_repo(store: Store) -> None:
    first = store.save_review(outcome(number=7))
    second = store.save_review(outcome(number=8, repo="acme/other"))
    third = store.save_review(outcome(number=7, head_sha="b" * 40))
    assert [r.id for r in store.reviews()] == [third, second, first]
    assert [r.id for r in store.reviews(REPO)] == [third, first]
    assert [r.id for r in store.reviews(REPO, limit=1)] == [third]
    assert store.reviews("acme/none") == []
    latest = store.latest_review(REPO, 7)
    assert latest is not None and latest.id == third and latest.head_sha == "b" * 40
    assert latest.trigger == "manual"
    assert store.latest_review(REPO, 99) is None


def test_review_done_for_exact_head_and_base_only(store: Store) -> None:
    store.save_review(outcome(number=7, head_sha="a" * 40, base_sha="c" * 40))
    assert store.review_done(REPO, 7, "a" * 40, "c" * 40)
    assert not store.review_done(REPO, 7, "b" * 40, "c" * 40)
    assert not store.review_done(REPO, 8, "a" * 40, "c" * 40)
    assert not store.review_done("acme/other", 7, "a" * 40, "c" * 40)
    # Retargeted to another base (issue 15, High 2): the same head is not "already reviewed".
    assert not store.review_done(REPO, 7, "a" * 40, "d" * 40)
    assert not store.review_done(REPO, 7, "a" * 40, "")  # a base nobody announced is never done


def test_text_postgresql_would_refuse_is_stored_readably(store: Store) -> None:
    # NUL survives in diffs and cards; PostgreSQL text and JSONB reject it outright.
    odd = outcome(title="bad\x00title")
    odd.evidence.head_texts["weights.bin"] = "\x00\x01"
    odd.evidence.head_texts["escaped.py"] = "print('\\u0000')"  # a literal backslash-u, not a NUL
    review_id = store.save_review(odd, delivery_id="nul\x00id")
    record = store.latest_review(REPO, 7)
    assert record is not None and record.id == review_id and record.title == "bad\ufffdtitle"
    with store._sessions() as session:
        row = session.get(models.Review, review_id)
        assert row is not None
        assert row.evidence["head_texts"]["weights.bin"] == "\ufffd\x01"
        assert row.evidence["head_texts"]["escaped.py"] == "print('\\u0000')"


def test_counts_scale_with_findings(store: Store) -> None:
    many = outcome()
    finding = many.verdict.findings[1]
    many.verdict.findings = [finding.model_copy(update={"subject": f"split {i}"}) for i in range(250)]
    review_id = store.save_review(many)
    with store._sessions() as session:
        rows = models.FindingRow
        count = session.scalar(select(func.count()).select_from(rows).where(rows.review_id == review_id))
    assert count == 250
    record = store.latest_review(REPO, 7)
    assert record is not None and (record.findings, record.blocking, record.waived) == (250, 250, 0)


def test_secrets_in_the_evidence_are_not_kept_at_rest(store: Store) -> None:
    pushed = outcome(number=31)
    key, token = "AKIA" + "Q" * 16, "ghp_" + "a1B2c3D4" * 5
    pushed.evidence.head_texts["deploy.py"] = f'AWS_KEY = "{key}"\nclient(token="{token}")\n'
    store.save_review(pushed)
    with store.engine.connect() as connection:
        (kept,) = connection.execute(select(models.Review.evidence).where(models.Review.number == 31)).one()
    text = str(kept)
    assert key not in text and token not in text and "[REDACTED]" in text
    assert "seed: 7" in text  # the rest of the evidence is kept as it was


def test_positional_split_and_url_secrets_are_not_kept_at_rest(store: Store) -> None:
    # Issue 15, Low 10 (rest): shapes the detector missed reached the database with the evidence.
    pushed = outcome(number=32)
    secrets = ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "4fX9kQ2mZ7pL4vB8nR3tW6yH1jD5sG0aE2cV",
               "q7XbR2mT4pLw8ZsN3hY6uJ1c", "7f9aQ2xLm4Kp8vRz1TnW5cYb3HdJ6sGe", "ssw0rd!9",
               "3f8a9c2e7b1d4056a9e8f7c6b5d4e3f21a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d"]
    pushed.evidence.head_texts["publish.py"] = (
        f"s3 = boto3.client('s3', 'eu-west-1', None, True, None, None, 'AKIAQ3EGRZ7T5KXMPL2W', '{secrets[0]}')\n"
        f'GH = "ghp_" + "{secrets[1]}"\n'
        f'ALERTS = "https://hooks.slack.com/services/T024BE7LD/B08MZKQ1R2S/{secrets[2]}"\n'
        f'HEADERS = {{"Authorization": "Bearer {secrets[3]}"}}\n'
        f'DB = "postgresql://features:p@{secrets[4]}@db.acme.internal:5432/features"\n'
        f'box = SecretBox(key="{secrets[5]}")\n')
    lock = ("    md5: 270646bfd6565d3d6ed74462028c9f8f\n"
            "    sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")
    pushed.evidence.head_texts["dvc.lock"] = lock
    store.save_review(pushed)
    with store.engine.connect() as connection:
        (kept,) = connection.execute(select(models.Review.evidence).where(models.Review.number == 32)).one()
    assert [s for s in secrets if s in str(kept)] == []
    assert kept["head_texts"]["dvc.lock"] == lock  # file digests are evidence, kept as they were


def test_tags_are_labels_and_lowercased_owners_deduplicated_and_sorted() -> None:
    assert review_tags(["retrain", "ML", "retrain"], ["@Acme/ML-Platform", "@acme/ml-platform", "@lead"]) == [
        "label:ML", "label:retrain", "owner:@acme/ml-platform", "owner:@lead"]
    assert review_tags(["x" * 500], []) == ["label:" + "x" * 200]  # bounded, so one label cannot bloat the index
    assert review_tags([], []) == []


def test_day_numbers_count_utc_days_from_the_epoch() -> None:
    assert day_number(datetime(1970, 1, 1, tzinfo=UTC)) == 0
    assert day_number(OPENED) == 20759
    late_in_samoa = datetime.fromisoformat("2026-11-01T23:30:00-11:00")  # already 2 November in UTC
    assert day_number(late_in_samoa) == 20759


def test_a_review_keeps_its_tags_and_promises(store: Store) -> None:
    tagged = outcome(number=11)
    tagged.evidence.pull_request.labels = ["retrain"]
    tagged.evidence.code_owners = ["@Acme/ML"]
    tagged.verdict.promises = [
        Promise(agent="card", kind="card_claim", subject="AUC 0.91", locator="MODEL_CARD.md#L12", state="missed",
                finding="f" * 16),
        Promise(agent="ticket", kind="ticket_criterion", subject="seeded split", locator="ML-42", state="kept"),
    ]
    review_id = store.save_review(tagged)
    with store._sessions() as session:
        tag = models.ReviewTag
        tags = session.scalars(select(tag.tag).where(tag.review_id == review_id).order_by(tag.tag))
        assert list(tags) == ["label:retrain", "owner:@acme/ml"]
        p = models.PromiseRow
        promises = session.execute(select(p.number, p.agent, p.state, p.finding)
                                   .where(p.review_id == review_id).order_by(p.id)).all()
    assert [tuple(p) for p in promises] == [(11, "card", "missed", "f" * 16), (11, "ticket", "kept", None)]


def test_rollups_add_up_per_day_and_keep_the_highest_agent_risk(store: Store) -> None:
    store.save_review(outcome(number=7))
    riskier = outcome(number=8)
    riskier.verdict.risk = Risk(overall=80, agents={"card": 75, "hygiene": 5})
    store.save_review(riskier)
    day = day_number(MERGED)  # rolled up on the day that places the PR in its sprint: its merge
    with store._sessions() as session:
        r, a = models.RuleDaily, models.AgentDaily
        rules = session.execute(select(r.rule, r.day, r.milestone, r.findings, r.blocking, r.waived)
                                .order_by(r.rule)).all()
        agents = session.execute(select(a.agent, a.reviews, a.risk_sum, a.risk_max).order_by(a.agent)).all()
    # The card finding is waived in both reviews: counted, but not as blocking.
    assert [tuple(r) for r in rules] == [("card.metric-mismatch", day, "Sprint 46", 2, 0, 2),
                                         ("hygiene.unseeded-split", day, "Sprint 46", 2, 2, 0)]
    assert [tuple(a) for a in agents] == [("card", 2, 115, 75), ("hygiene", 2, 27, 22)]


def test_the_latest_verdict_and_audit_are_the_newest_reviews_documents(store: Store) -> None:
    assert store.latest_verdict(REPO, 7) is None and store.latest_audit(REPO, 7) is None
    store.save_review(outcome(number=7, head_sha="a" * 40))
    newest = store.save_review(outcome(number=7, head_sha="b" * 40))
    found = store.latest_verdict(REPO, 7)
    assert found is not None
    record, verdict = found
    assert record.id == newest and verdict["head_sha"] == "b" * 40
    assert [f["rule"] for f in verdict["findings"]] == ["card.metric-mismatch", "hygiene.unseeded-split"]
    audit = store.latest_audit(REPO, 7)
    assert audit is not None
    evidence, audited = audit
    assert evidence["pull_request"]["head_sha"] == "b" * 40 and audited == verdict
