"""Link per-frame YOLO detections into tubes by greedy IoU matching."""


def iou(a, b):
    ax1, ay1, ax2, ay2 = a
    bx1, by1, bx2, by2 = b
    iw = max(0.0, min(ax2, bx2) - max(ax1, bx1))
    ih = max(0.0, min(ay2, by2) - max(ay1, by1))
    inter = iw * ih
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    return inter / union if union > 0 else 0.0


def build_tubes(frames, iou_threshold: float, max_misses: int):
    """frames: list of lists of xyxy boxes. Returns a list of tubes (list of (t, box))."""
    active, done = [], []
    for t, boxes in enumerate(frames):
        unmatched = list(boxes)
        for tube in active:
            last_t, last_box = tube["entries"][-1]
            best = max(unmatched, key=lambda b: iou(last_box, b), default=None)
            if best is not None and iou(last_box, best) >= iou_threshold:
                tube["entries"].append((t, best))
                tube["misses"] = 0
                unmatched.remove(best)
            else:
                tube["misses"] += 1
        done += [tb for tb in active if tb["misses"] > max_misses]
        active = [tb for tb in active if tb["misses"] <= max_misses]
        active += [{"entries": [(t, b)], "misses": 0} for b in unmatched]
    return [tb["entries"] for tb in done + active]
