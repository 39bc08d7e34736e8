"""Trends for one repository over 100,000 reviews and 1,000,000 findings on SQLite."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from custody.reviewer.app.store import Store
from custody.reviewer.app.store.models import AgentDaily, Review, RuleDaily
from custody.reviewer.app.trends.queries import trends_document
from custody.reviewer.app.trends.sprints import SprintCalendar
from sqlalchemy import insert

RULES = [f"rule.{i}" for i in range(40)]
AGENTS = ["scope", "card", "design", "promotion", "hygiene"]


def populate(store: Store, reviews: int, findings_per_review: int, repo: str = "acme/big") -> None:
    """Rows as save_review writes them, inserted in bulk (the rollups hold the findings' counts)."""
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    review_rows: list[dict[str, Any]] = []
    rule_days: dict[tuple[int, str, str], list[int]] = {}
    agent_days: dict[tuple[int, str, str], list[int]] = {}
    for i in range(reviews):
        created = start + timedelta(minutes=7 * i)
        milestone = f"Sprint {i // 5000}" if i % 3 == 0 else ""
        risk = rng.randint(0, 100)
        day = (created.date() - date(1970, 1, 1)).days
        review_rows.append({
            "repo": repo, "number": i // 3, "head_sha": f"{i:040x}", "trigger": "bench", "title": "t",
            "author": f"dev{i % 17}", "milestone": milestone or None, "pr_created_at": created, "pr_day": day,
            "merged_at": None,
            "conclusion": "neutral", "risk": risk, "findings_count": findings_per_review, "blocking_count": i % 2,
            "waived_count": 0, "agent_risk": {a: risk for a in AGENTS}, "verdict": {}, "evidence": {},
            "comment": "", "created_at": created,
        })
        for _ in range(findings_per_review):
            rule = rng.choice(RULES)
            counts = rule_days.setdefault((day, milestone, rule), [0, 0])
            counts[0] += 1
        for agent in AGENTS:
            totals = agent_days.setdefault((day, milestone, agent), [0, 0, 0])
            totals[0] += 1
            totals[1] += risk
            totals[2] = max(totals[2], risk)
    with store.engine.begin() as connection:
        for offset in range(0, len(review_rows), 5000):
            connection.execute(insert(Review), review_rows[offset:offset + 5000])
        connection.execute(insert(RuleDaily), [
            {"repo": repo, "day": d, "milestone": m, "rule": r, "kind": "code.devops", "agent": "hygiene",
             "findings": c[0], "blocking": 0, "waived": 0} for (d, m, r), c in rule_days.items()])
        connection.execute(insert(AgentDaily), [
            {"repo": repo, "day": d, "milestone": m, "agent": a, "reviews": t[0], "risk_sum": t[1],
             "risk_max": t[2]} for (d, m, a), t in agent_days.items()])


def bench_trends(reviews: int = 100_000, findings_per_review: int = 10) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        store.upgrade()
        populate(store, reviews, findings_per_review)
        calendar = SprintCalendar(14, date(2025, 1, 6))
        times = []
        for _ in range(5):
            started = time.perf_counter()
            document = trends_document(store.engine, "acme/big", calendar)
            times.append(time.perf_counter() - started)
        store.close()
    counted = sum(s["reviews"] for s in document["sprints"])
    median_ms = statistics.median(times) * 1000
    return {"reviews": reviews, "findings": reviews * findings_per_review, "counted_reviews": counted,
            "median_ms": round(median_ms, 1), "ratio_to_goal": round(median_ms / 300, 2),
            "target": "under 300 ms per API call (ratio < 1)"}
