"""
(C) Copyright 2021 IBM Corp.

Licensed under the Apache License, Version 2.0 (the "License").

Classification metric implementations used by the metric objects in
fuse.eval.metrics.classification. (Scenario copy, trimmed.)
"""
from typing import Dict, Optional, Sequence, Union

import numpy as np
from sklearn import metrics
from sklearn.utils.multiclass import type_of_target


class MetricsLibClass:
    @staticmethod
    def auc_roc(
        pred: Sequence[Union[np.ndarray, float]],
        target: Sequence[Union[np.ndarray, int]],
        sample_weight: Optional[Sequence[Union[np.ndarray, float]]] = None,
        pos_class_index: int = -1,
        max_fpr: Optional[float] = None,
    ) -> float:
        """
        One-vs-rest area under the ROC curve, computed with sklearn.
        :param pred: score per sample (scalar, or one score per class)
        :param target: integer class per sample
        :param pos_class_index: class to treat as positive (1 for binary)
        :param max_fpr: if set, the standardized partial AUC over [0, max_fpr]
        """
        target = np.asarray(target)
        pred = np.asarray(pred)
        if pred.ndim > 1:
            pred = pred[:, pos_class_index]
            target = (target == pos_class_index).astype(int)
        return metrics.roc_auc_score(y_score=pred, y_true=target, sample_weight=sample_weight, max_fpr=max_fpr)

    @staticmethod
    def accuracy(
        pred: Sequence[Union[np.ndarray, int]],
        target: Sequence[Union[np.ndarray, int]],
        sample_weight: Optional[Sequence[Union[np.ndarray, float]]] = None,
    ) -> float:
        pred = np.array(pred)
        target = np.array(target)
        if type_of_target(pred) in ("continuous", "continuous-multioutput"):
            pred = np.argmax(pred, -1)
        return metrics.accuracy_score(target, pred, sample_weight=sample_weight)

    @staticmethod
    def confusion_metrics(
        pred: Sequence[Union[np.ndarray, int]],
        target: Sequence[Union[np.ndarray, int]],
        pos_class_index: int = 1,
        metrics: Sequence[str] = tuple(),
        sample_weight: Optional[Sequence[Union[np.ndarray, float]]] = None,
    ) -> Dict[str, float]:
        """
        Metrics derived from the one-vs-rest confusion matrix.
        :param pred: predicted class per sample, or class scores (argmax is applied)
        :param target: target class per sample, or its one-hot encoding
        :param pos_class_index: the class treated as positive
        :param metrics: any of 'sensitivity', 'recall', 'tpr', 'specificity', 'selectivity', 'tnr',
                        'precision', 'ppv', 'f1', 'matrix'
        :param sample_weight: optional weight per sample
        :return: {<metric name>: value}; 'matrix' adds tp, fn, fp, tn
        """
        pred = np.array(pred)
        target = np.array(target)
        if type_of_target(pred) in ("continuous", "continuous-multioutput"):
            pred = np.argmax(pred, -1)
        if type_of_target(target) in ("multilabel-indicator", "multiclass-multioutput"):
            target = np.argmax(target, -1)

        is_pos_target = np.where(target == pos_class_index, 1, 0)
        is_pos_pred = np.where(pred == pos_class_index, 1, 0)
        if sample_weight is None:
            sample_weight = np.ones_like(is_pos_target)

        tp = (np.logical_and(is_pos_target, is_pos_pred) * sample_weight).sum()
        fn = (np.logical_and(is_pos_target, np.logical_not(is_pos_pred)) * sample_weight).sum()
        fp = (np.logical_and(np.logical_not(is_pos_target), is_pos_pred) * sample_weight).sum()
        tn = (np.logical_and(np.logical_not(is_pos_target), np.logical_not(is_pos_pred)) * sample_weight).sum()

        res = {}
        for metric in metrics:
            if metric in ["sensitivity", "recall", "tpr"]:
                res[metric] = tp / (tp + fn)
            elif metric in ["specificity", "selectivity", "tnr"]:
                res[metric] = tn / (tn + fp)
            elif metric in ["precision", "ppv"]:
                res[metric] = tp / (tp + fp) if tp + fp != 0 else 0
            elif metric in ["f1"]:
                res[metric] = 2 * tp / (2 * tp + fp + fn)
            elif metric in ["matrix"]:
                res.update({"tp": tp, "fn": fn, "fp": fp, "tn": tn})
            else:
                raise Exception(f"unknown metric {metric}")
        return res
