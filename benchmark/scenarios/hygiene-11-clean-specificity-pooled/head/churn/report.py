"""Evaluation summary from the confusion counts."""


def summary(tp: int, fp: int, tn: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp)
    sensitivity = tp / (tp + fn)
    fpr = fp / (fp + tn)
    specificity = 1 - fpr
    return {"precision": precision, "sensitivity": sensitivity, "specificity": specificity}


def epoch_summary(model, val_loader, loss_fn) -> dict[str, float]:
    tp = fp = tn = fn = 0
    val_loss = 0.0
    for x, y in val_loader:
        pred = model(x) > 0.5
        tp += int(((pred == 1) & (y == 1)).sum())
        fp += int(((pred == 1) & (y == 0)).sum())
        tn += int(((pred == 0) & (y == 0)).sum())
        fn += int(((pred == 0) & (y == 1)).sum())
        val_loss += float(loss_fn(model(x), y))
    return {**summary(tp, fp, tn, fn), "val_loss": val_loss / len(val_loader)}
