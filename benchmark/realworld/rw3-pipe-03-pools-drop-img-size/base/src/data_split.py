"""Split the raw pool tiles into train and test folders."""
import shutil
from pathlib import Path

import numpy as np
from box import ConfigBox
from ruamel.yaml import YAML

RAW = Path("data") / "pool_data"


def main():
    params = ConfigBox(YAML(typ="safe").load(Path("params.yaml").read_text()))
    np.random.seed(params.base.random_seed)
    out = {"train": Path("data") / "train_data", "test": Path("data") / "test_data"}
    for folder in out.values():
        folder.mkdir(exist_ok=True)
    for image in sorted((RAW / "images").glob("*.jpg")):
        mask = RAW / "masks" / f"{image.stem}.png"
        split = "test" if np.random.uniform() <= params.data_split.test_pct else "train"
        for path in (image, mask):
            shutil.copy(path, out[split])


if __name__ == "__main__":
    main()
