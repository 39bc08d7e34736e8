"""Fine-tune a U-Net segmentation model on the train split."""
import random
from functools import partial
from pathlib import Path

import numpy as np
import torch
from box import ConfigBox
from dvclive.fastai import DVCLiveCallback
from fastai.data.all import Normalize, get_files
from fastai.metrics import DiceMulti
from fastai.vision.all import (
    Resize,
    SegmentationDataLoaders,
    aug_transforms,
    imagenet_stats,
    models,
    unet_learner,
)
from ruamel.yaml import YAML

DATA = Path("data") / "train_data"


def mask_for(image, folder):
    return Path(folder) / f"{Path(image).stem}.png"


def main():
    params = ConfigBox(YAML(typ="safe").load(Path("params.yaml").read_text()))
    seed = params.base.random_seed
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)

    loaders = SegmentationDataLoaders.from_label_func(
        path=DATA,
        fnames=get_files(DATA, extensions=".jpg"),
        label_func=partial(mask_for, folder=DATA),
        codes=["not-pool", "pool"],
        bs=params.train.batch_size,
        valid_pct=params.train.valid_pct,
        item_tfms=Resize(params.train.img_size),
        batch_tfms=[
            *aug_transforms(size=params.train.img_size),
            Normalize.from_stats(*imagenet_stats),
        ],
    )
    learner = unet_learner(loaders, arch=getattr(models, params.train.arch), metrics=DiceMulti)
    learner.fine_tune(**params.train.fine_tune_args, cbs=[DVCLiveCallback(dir="results/train")])
    Path("models").mkdir(exist_ok=True)
    learner.export(fname=Path("models/model.pkl").absolute())


if __name__ == "__main__":
    main()
