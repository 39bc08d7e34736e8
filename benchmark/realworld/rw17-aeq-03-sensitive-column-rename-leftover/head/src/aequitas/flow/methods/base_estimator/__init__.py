from .lightgbm import LightGBM
from .logistic_regression import LogisticRegression
from .neural_network import NeuralNetwork
from .random_forest import RandomForest

__all__ = ["LightGBM", "LogisticRegression", "NeuralNetwork", "RandomForest"]
