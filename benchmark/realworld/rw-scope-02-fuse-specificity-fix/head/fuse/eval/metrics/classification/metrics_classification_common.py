"""
(C) Copyright 2021 IBM Corp.

Licensed under the Apache License, Version 2.0 (the "License").
"""
from typing import Optional, Sequence

from fuse.eval.metrics.libs.classification import MetricsLibClass


class MetricMultiClassDefault:
    """Applies a per-class metric function to the collected predictions and targets."""

    def __init__(self, pred: str, target: str, metric_func, class_names: Optional[Sequence[str]] = None, **kwargs):
        self._pred = pred
        self._target = target
        self._metric_func = metric_func
        self._class_names = class_names
        self._kwargs = kwargs

    def eval(self, pred, target):
        n_classes = len(self._class_names) if self._class_names else 2
        if n_classes == 2:
            return self._metric_func(pred=pred, target=target, **self._kwargs)
        return {
            name: self._metric_func(pred=pred, target=target, pos_class_index=i, **self._kwargs)
            for i, name in enumerate(self._class_names)
        }


class MetricAUCROC(MetricMultiClassDefault):
    def __init__(self, pred: str, target: str, class_names: Optional[Sequence[str]] = None, **kwargs):
        super().__init__(pred, target, MetricsLibClass.auc_roc, class_names=class_names, **kwargs)


class MetricConfusion(MetricMultiClassDefault):
    """
    Metrics derived from the one-vs-rest confusion matrix:
    'sensitivity', 'recall', 'tpr', 'specificity', 'selectivity', 'tnr', 'precision', 'ppv', 'f1'
    """

    def __init__(
        self,
        pred: str,
        target: str,
        class_names: Optional[Sequence[str]] = None,
        metrics: Sequence[str] = ("sensitivity",),
        **kwargs,
    ):
        super().__init__(pred, target, MetricsLibClass.confusion_metrics, class_names=class_names,
                         metrics=metrics, **kwargs)
