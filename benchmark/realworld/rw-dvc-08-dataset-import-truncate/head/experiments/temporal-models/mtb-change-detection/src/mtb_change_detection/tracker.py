"""Greedy IoU tracker that confirms a track after N consecutive validated frames."""


def iou(a, b) -> float:
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def any_confirmed(frames: list[list[tuple]], iou_threshold: float, min_consecutive: int, max_misses: int) -> bool:
    tracks: list[dict] = []
    for boxes in frames:
        for tr in tracks:
            match = next((b for b in boxes if iou(tr["box"], b) >= iou_threshold), None)
            if match:
                tr.update(box=match, hits=tr["hits"] + 1, misses=0)
                boxes = [b for b in boxes if b is not match]
            else:
                tr["misses"] += 1
        tracks = [t for t in tracks if t["misses"] <= max_misses]
        tracks += [{"box": b, "hits": 1, "misses": 0} for b in boxes]
        if any(t["hits"] >= min_consecutive for t in tracks):
            return True
    return False
