"""Score the trained model on the test split (Dice) and save sample overlays."""
from pathlib import Path

import numpy as np
from box import ConfigBox
from dvclive import Live
from fastai.vision.all import get_files, load_learner
from PIL import Image
from ruamel.yaml import YAML

TEST = Path("data") / "test_data"


def dice(true, pred):
    inter = np.logical_and(true, pred).sum()
    total = true.sum() + pred.sum()
    return 1.0 if total == 0 else 2.0 * inter / total


def main():
    params = ConfigBox(YAML(typ="safe").load(Path("params.yaml").read_text()))
    img_size = params.train.img_size
    learner = load_learner(Path("models") / "model.pkl", cpu=False)
    images = get_files(TEST, extensions=".jpg")
    preds, _ = learner.get_preds(dl=learner.dls.test_dl(images))
    masks_pred = np.array(preds[:, 1, :] > 0.5, dtype=np.uint8)
    with Live("results/evaluate") as live:
        score = 0.0
        for idx, image in enumerate(images):
            true = np.array(Image.open(TEST / f"{Path(image).stem}.png"), dtype=int)
            pred = np.array(Image.fromarray(masks_pred[idx]).resize(true.shape[::-1]), dtype=int)
            score += dice(true, pred) / len(images)
            if idx < params.evaluate.n_samples_to_save:
                thumb = Image.open(image).resize((img_size, img_size))
                live.log_image(f"{Path(image).stem}.png", thumb)
        live.summary["dice_multi"] = score


if __name__ == "__main__":
    main()
