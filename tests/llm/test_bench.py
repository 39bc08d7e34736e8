"""The token benchmarks run and report what the issue asks of them."""

from __future__ import annotations

from custody.reviewer.llm.bench import benchmark_caching


def test_caching_and_push_benchmarks() -> None:
    result = benchmark_caching()
    assert result["billed_with_cache"] > 0 and result["single_agent_context"] > 0
    assert result["with_cache_over_single_context"] < 1.5
    assert result["full_review_50_files"] < result["full_review_50_files_without_cache"]
    assert result["one_file_push_calls"] == 1 < result["full_review_calls"]
    assert result["push_over_full"] < 0.10
