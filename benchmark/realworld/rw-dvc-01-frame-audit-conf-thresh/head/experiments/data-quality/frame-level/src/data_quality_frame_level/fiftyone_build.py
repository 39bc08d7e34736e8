"""Build one persistent FiftyOne dataset per (model, split) and evaluate it."""

import fiftyone as fo
from fiftyone import ViewField as F

FP_VIEW_NAME = "fp_review"
FN_VIEW_NAME = "fn_review"


def _save_review_views(dataset: fo.Dataset, review_conf_thresh: float) -> None:
    """Persist the FP and FN review queues.

    YOLO now keeps every detection above its low per-detection threshold, so all
    candidates are in the dataset. The saved FP view only shows FP detections at
    or above ``review_conf_thresh``; reviewers can still lower the confidence
    slider in the FiftyOne sidebar without rebuilding.

    - FP view: samples with a qualifying FP prediction, most confident first.
    - FN view: samples with a missed GT box, largest missed box first.
    """
    qualifying_fp = F("predictions.detections").filter(
        (F("eval") == "fp") & (F("confidence") >= review_conf_thresh)
    )
    fp_view = dataset.match(qualifying_fp.length() > 0).sort_by(
        qualifying_fp.map(F("confidence")).max(),
        reverse=True,
    )
    fn_view = dataset.match(F("eval_fn") > 0).sort_by(
        F("ground_truth.detections")
        .filter(F("eval") == "fn")
        .map(F("bounding_box")[2] * F("bounding_box")[3])
        .max(),
        reverse=True,
    )
    dataset.save_view(FP_VIEW_NAME, fp_view, overwrite=True)
    dataset.save_view(FN_VIEW_NAME, fn_view, overwrite=True)


def build_dataset(
    dataset_name, frames, predictions_by_stem, iou_thresh: float, review_conf_thresh: float
):
    if fo.dataset_exists(dataset_name):
        fo.delete_dataset(dataset_name)
    dataset = fo.Dataset(dataset_name, persistent=True)
    samples = []
    for frame in frames:
        sample = fo.Sample(filepath=str(frame.image_path))
        sample["ground_truth"] = fo.Detections(
            detections=[
                fo.Detection(label="smoke", bounding_box=[b.cx - b.w / 2, b.cy - b.h / 2, b.w, b.h])
                for b in frame.gt_bboxes
            ]
        )
        sample["predictions"] = predictions_by_stem.get(frame.stem, fo.Detections())
        samples.append(sample)
    dataset.add_samples(samples)
    dataset.evaluate_detections(
        "predictions", gt_field="ground_truth", eval_key="eval", iou=iou_thresh, compute_mAP=False
    )
    _save_review_views(dataset, review_conf_thresh=review_conf_thresh)

    tp = sum(s.eval_tp for s in dataset)
    fp = sum(s.eval_fp for s in dataset)
    fn = sum(s.eval_fn for s in dataset)
    summary = {
        "dataset_name": dataset_name,
        "num_samples": len(dataset),
        "iou_thresh": iou_thresh,
        "review_conf_thresh": review_conf_thresh,
        # raw box-level counts over every detection >= the YOLO conf_thresh
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if (tp + fp) else 0.0,
        "recall": tp / (tp + fn) if (tp + fn) else 0.0,
        # sample-level queue sizes: what reviewers actually walk through
        "fp_review_samples": len(dataset.load_saved_view(FP_VIEW_NAME)),
        "fn_review_samples": len(dataset.load_saved_view(FN_VIEW_NAME)),
    }
    return dataset, summary
