"""Sequence-level precision / recall / F1 / FPR."""


def metrics(records: list[dict]) -> dict:
    tp = sum(r["pred"] and r["gt"] for r in records)
    fp = sum(r["pred"] and not r["gt"] for r in records)
    fn = sum((not r["pred"]) and r["gt"] for r in records)
    tn = len(records) - tp - fp - fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"num_sequences": len(records), "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "fpr": fp / (fp + tn) if fp + tn else 0.0}
