"""Minimal evaluator entry point (trimmed)."""
from typing import Dict


class EvaluatorDefault:
    def eval(self, ids, data: Dict, metrics: Dict) -> Dict:
        return {name: metric.eval(data[metric._pred], data[metric._target]) for name, metric in metrics.items()}
