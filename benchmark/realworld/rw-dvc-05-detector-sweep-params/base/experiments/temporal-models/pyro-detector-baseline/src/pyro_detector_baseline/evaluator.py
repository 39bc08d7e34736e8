"""Sequence-level confusion counts and metrics."""


def metrics(records: list[dict]) -> dict:
    tp = sum(r["pred"] and r["gt"] for r in records)
    fp = sum(r["pred"] and not r["gt"] for r in records)
    fn = sum((not r["pred"]) and r["gt"] for r in records)
    tn = sum((not r["pred"]) and not r["gt"] for r in records)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "num_sequences": len(records), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": round(p, 4), "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "fpr": round(fp / (fp + tn), 4) if fp + tn else 0.0,
    }
