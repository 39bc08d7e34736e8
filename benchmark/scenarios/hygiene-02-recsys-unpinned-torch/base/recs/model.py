"""ALS baseline."""
from implicit.als import AlternatingLeastSquares


def build(seed: int) -> AlternatingLeastSquares:
    return AlternatingLeastSquares(factors=64, random_state=seed)
