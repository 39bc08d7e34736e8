"""`make bench`: every performance target, each printed as a ratio measured side by side in one run."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = [ROOT / "benchmark" / "scenarios", ROOT / "examples"]
REALWORLD = ROOT / "benchmark" / "realworld"


def timed(fn: Callable[[], Any], repeat: int = 3) -> float:
    """The median wall time of `repeat` calls, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_eval() -> dict[str, Any]:
    """Recall, clean-PR noise and medium-or-worse precision, for the synthetic set and, apart from
    it, for the real-world corpus (which was labelled before Custody ran on it)."""
    return {"synthetic": _eval_set(SCENARIOS), "realworld": _eval_set([REALWORLD]),
            "target": "synthetic recall 1.0 with no false positive; realworld recall >= 0.8 and "
                      "medium_precision >= 0.9; median review < 1 s"}


def _eval_set(roots: list[Path]) -> dict[str, Any]:
    from custody.reviewer.app.evaluate import find_scenarios, load_expected, score_scenario, summary
    from custody.reviewer.gather.scenario import load_scenario
    from custody.reviewer.review import run_review

    scores, times = [], []
    for folder in find_scenarios(roots):
        started = time.perf_counter()
        verdict = run_review(load_scenario(folder)).verdict
        times.append(time.perf_counter() - started)
        scores.append(score_scenario(folder.name, load_expected(folder), verdict))
    line = summary(scores)
    line["median_review_s"] = round(statistics.median(times), 4)
    return line


def bench_parallel_agents(latency_s: float = 0.2, agents: int = 5) -> dict[str, Any]:
    """With a simulated slow agent step, N agents take about the slowest one, not the sum."""
    from custody.reviewer.gather.scenario import load_scenario
    from custody.reviewer.model.agent_result import AgentResult
    from custody.reviewer.review import run_review

    class Slow:
        def __init__(self, name: str) -> None:
            self.name = name

        def review(self, evidence: Any, rules: Any) -> AgentResult:
            time.sleep(latency_s)
            return AgentResult(agent=self.name)

    source = ROOT / "examples" / "churn-retrain"
    one = timed(lambda: run_review(load_scenario(source), agents=[Slow("a0")]), repeat=2)
    many = timed(lambda: run_review(load_scenario(source), agents=[Slow(f"a{i}") for i in range(agents)]), repeat=2)
    return {"agents": agents, "one_agent_s": round(one, 3), "all_agents_s": round(many, 3),
            "ratio_to_one_agent": round(many / one, 2), "ratio_if_serial": agents,
            "target": "about 1x the slowest agent, not the sum"}


def bench_diff_size() -> dict[str, Any]:
    """Review time against diff size: 100 to 100,000 changed lines, without the model."""
    from custody.reviewer.gather.readers.diff import diff_snapshots
    from custody.reviewer.gather.review_input import ReviewInput
    from custody.reviewer.gather.snapshot import MemorySnapshot
    from custody.reviewer.model.evidence.pull_request import PullRequest
    from custody.reviewer.review import run_review

    rows: dict[str, float] = {}
    for lines in (100, 1_000, 10_000, 100_000):
        files = max(1, lines // 500)
        per_file = lines // files
        base = MemorySnapshot({f"pkg/m{i}.py": b"" for i in range(files)})
        head = MemorySnapshot({
            f"pkg/m{i}.py": "".join(f"value_{j} = {j} * 2\n" for j in range(per_file)).encode() for i in range(files)
        })

        def review(base: MemorySnapshot = base, head: MemorySnapshot = head) -> None:
            source = ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=base, head=head,
                                 diff=diff_snapshots(base, head))
            run_review(source)

        rows[str(lines)] = round(timed(review, repeat=1), 3)
    per_line = {k: v / int(k) * 1e6 for k, v in rows.items()}
    return {"seconds_by_changed_lines": rows,
            "ratio_100k_to_1k_per_line": round(per_line["100000"] / per_line["1000"], 2),
            "target": "linear (ratio about 1), under 2 s at 10,000 lines"}


def bench_trends() -> dict[str, Any]:
    from benchmark.trends_bench import bench_trends as run

    return run()


def bench_webhook() -> dict[str, Any]:
    from benchmark.webhook_bench import bench_webhook as run

    return run()


def bench_rereview() -> dict[str, Any]:
    from benchmark.rereview_bench import bench_rereview as run

    return run()


def bench_workers() -> dict[str, Any]:
    from benchmark.workers_bench import bench_workers as run

    return run()


def bench_pacing() -> dict[str, Any]:
    from benchmark.pacing_bench import bench_pacing as run

    return run()


def bench_model_caching() -> dict[str, Any]:
    from custody.reviewer.llm.bench import benchmark_caching

    return benchmark_caching()


BENCHES: dict[str, Callable[[], dict[str, Any]]] = {
    "eval": bench_eval,
    "parallel_agents": bench_parallel_agents,
    "diff_size": bench_diff_size,
    "trends": bench_trends,
    "webhook": bench_webhook,
    "model_caching": bench_model_caching,
    "rereview": bench_rereview,
    "workers": bench_workers,
    "pacing": bench_pacing,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHES)
    for name in chosen:
        result = BENCHES[name]()
        print(json.dumps({"bench": name, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
