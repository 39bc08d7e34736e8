"""Per-batch averaging of ratio metrics, on examples of my own."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.averaging import batch_average_hits


def hits(source: str) -> list[tuple[str, int | None]]:
    text = textwrap.dedent(source)
    lines = set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line) for h in batch_average_hits("m.py", ast.parse(text), lines)]


def test_accumulated_batch_accuracy_divided_by_batches() -> None:
    assert hits("""
        def evaluate(model, val_loader):
            running_acc = 0.0
            for x, y in val_loader:
                pred = model(x).argmax(1)
                running_acc += (pred == y).sum().item() / len(y)
            return running_acc / len(val_loader)
    """) == [("accuracy", 6)]


def test_pooled_counts_are_quiet() -> None:
    assert hits("""
        def evaluate(model, val_loader):
            correct = total = 0
            for x, y in val_loader:
                correct += (model(x).argmax(1) == y).sum().item()
                total += len(y)
            val_loss = 0.0
            for batch in val_loader:
                val_loss += loss_fn(batch) / len(batch)
            return correct / total, val_loss / len(val_loader)
    """) == []


def test_appended_f1_per_batch_then_mean() -> None:
    assert hits("""
        f1s = []
        for batch in loader:
            f1s.append(f1_score(batch.y, predict(batch.x), average="macro"))
        print(np.mean(f1s))
    """) == [("f1", 4)]


def test_mean_over_batches_but_not_over_classes_or_folds() -> None:
    assert hits("""
        score = np.mean([precision_score(b.y, model(b.x)) for b in batches])
        macro = np.mean([f1_score(y == c, p == c) for c in classes])
        cv = np.mean([accuracy_score(y[te], fit(tr).predict(X[te])) for tr, te in folds])
    """) == [("precision", 2)]


def test_step_outputs_averaged_at_epoch_end() -> None:
    assert hits("""
        def validation_epoch_end(self, outputs):
            avg_acc = torch.stack([x["val_acc"] for x in outputs]).mean()
            avg_loss = torch.stack([x["val_loss"] for x in outputs]).mean()
            f1 = sum(o["f1"] for o in outputs) / len(outputs)
            loss = sum(o["loss"] for o in outputs) / len(outputs)
            return avg_acc, avg_loss, f1, loss
    """) == [("accuracy", 3), ("f1", 5)]
