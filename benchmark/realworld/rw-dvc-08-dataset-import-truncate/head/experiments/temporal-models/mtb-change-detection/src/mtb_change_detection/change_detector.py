"""MTB change validation: a detection is kept only if enough of its box changed."""

import numpy as np


def change_mask(prev_gray: np.ndarray, cur_gray: np.ndarray, pixel_threshold: int) -> np.ndarray:
    return np.abs(cur_gray.astype(np.int16) - prev_gray.astype(np.int16)) > pixel_threshold


def box_change_ratio(mask: np.ndarray, box_xyxy: tuple[int, int, int, int]) -> float:
    x1, y1, x2, y2 = box_xyxy
    region = mask[y1:y2, x1:x2]
    return float(region.mean()) if region.size else 0.0


def is_change_validated(mask, box_xyxy, min_change_ratio: float) -> bool:
    return box_change_ratio(mask, box_xyxy) >= min_change_ratio
