"""Predictions over a shuffling input scored against labels in their stored order; my own examples."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.order import shuffled_predictions


def run(source: str) -> list[tuple[str, int | None]]:
    text = textwrap.dedent(source)
    lines = set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line) for h in shuffled_predictions("m.py", ast.parse(text), lines)]


def test_an_estimator_predicting_over_its_shuffled_training_input() -> None:
    assert run("""
        def train(regressor, features, labels):
            input_train = tf.estimator.inputs.numpy_input_fn(features, labels, shuffle=True, batch_size=32)
            regressor.train(input_fn=input_train, steps=100)
            raw = list(regressor.predict(input_fn=input_train))
            pred = [p["predictions"][0] for p in raw]
            return r2_score(labels, pred)
    """) == [("input_train", 7)]


def test_a_keras_model_over_a_shuffled_dataset_and_a_torch_loader() -> None:
    assert run("""
        ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(1000).batch(64)
        preds = model.predict(ds).argmax(axis=1)
        print(accuracy_score(y, preds))
        loader = DataLoader(test_set, batch_size=64, shuffle=True)
        out = trainer.predict(net, dataloaders=loader)
        print(f1_score(out, test_set.targets))
    """) == [("ds", 4), ("loader", 7)]


def test_unshuffled_inputs_and_labels_taken_with_each_batch_are_quiet() -> None:
    assert run("""
        input_test = tf.estimator.inputs.numpy_input_fn(features, labels, shuffle=False)
        pred = [p["predictions"][0] for p in regressor.predict(input_fn=input_test)]
        r2_score(labels, pred)
        loader = DataLoader(test_set, shuffle=True)
        preds, truth = [], []
        for x, y in loader:
            preds.append(model(x))
            truth.append(y)
        accuracy_score(truth, preds)
        both = model.predict(loader)
        compare(both, both)
    """) == []
