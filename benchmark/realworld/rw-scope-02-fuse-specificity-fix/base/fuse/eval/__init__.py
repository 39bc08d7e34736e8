from fuse.eval.evaluator import EvaluatorDefault  # noqa: F401
