"""Crop a context-expanded square patch around each tube entry."""


def expand_box(box, context_factor: float, img_w: int, img_h: int):
    x1, y1, x2, y2 = box
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    side = max(x2 - x1, y2 - y1) * context_factor
    return (
        max(0, cx - side / 2),
        max(0, cy - side / 2),
        min(img_w, cx + side / 2),
        min(img_h, cy + side / 2),
    )
