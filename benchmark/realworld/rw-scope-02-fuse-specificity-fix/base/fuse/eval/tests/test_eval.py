import unittest

import numpy as np

from fuse.eval.metrics.libs.classification import MetricsLibClass


class TestEval(unittest.TestCase):
    def test_accuracy(self):
        self.assertAlmostEqual(MetricsLibClass.accuracy([1, 0, 1, 1], [1, 0, 0, 1]), 0.75)

    def test_sensitivity(self):
        res = MetricsLibClass.confusion_metrics(np.array([1, 0, 1, 1]), np.array([1, 0, 0, 1]),
                                                metrics=("sensitivity",))
        self.assertAlmostEqual(res["sensitivity"], 1.0)


if __name__ == "__main__":
    unittest.main()
