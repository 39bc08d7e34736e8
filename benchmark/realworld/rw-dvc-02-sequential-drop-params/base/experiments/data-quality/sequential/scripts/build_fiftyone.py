"""Create the dq-seq_<model>_<split>_{fp,fn} FiftyOne datasets from a manifest."""

import argparse
import json
from pathlib import Path

import fiftyone as fo


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--manifest-path", required=True, type=Path)
    p.add_argument("--output-dir", required=True, type=Path)
    a = p.parse_args()
    m = json.loads(a.manifest_path.read_text())
    names = []
    for kind in ("fp", "fn"):
        name = f"dq-seq_{m['model_name']}_{m['split']}_{kind}"
        if fo.dataset_exists(name):
            fo.delete_dataset(name)
        ds = fo.Dataset(name, persistent=True)
        label_dir = "fp" if kind == "fp" else "wildfire"
        for seq in m[kind]:
            frames = sorted((Path(m["split_dir"]) / label_dir / seq / "images").glob("*.jpg"))
            ds.add_samples([fo.Sample(filepath=str(f), sequence=seq) for f in frames])
        names.append(name)
    a.output_dir.mkdir(parents=True, exist_ok=True)
    (a.output_dir / "datasets.json").write_text(json.dumps({"datasets": names}))


if __name__ == "__main__":
    main()
