"""Train one temporal-classifier variant; hyper-parameters come from params.yaml."""

import argparse
from pathlib import Path

import lightning as L
import yaml

from smokeynet_adapted.lit_temporal import LitTemporal
from smokeynet_adapted.temporal_classifier import TemporalClassifier


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--train-dir", type=Path, required=True)
    p.add_argument("--val-dir", type=Path, required=True)
    p.add_argument("--output-dir", type=Path, required=True)
    p.add_argument("--params-path", type=Path, required=True)
    p.add_argument("--params-key", required=True)
    a = p.parse_args()
    cfg = yaml.safe_load(a.params_path.read_text())[a.params_key]

    L.seed_everything(cfg["seed"], workers=True)
    model = TemporalClassifier(
        cfg["backbone"], cfg["hidden_dim"], cfg["finetune"], cfg.get("finetune_last_n_blocks", 0)
    )
    lit = LitTemporal(model, cfg["learning_rate"], cfg.get("backbone_lr"))
    trainer = L.Trainer(
        max_epochs=cfg["max_epochs"],
        deterministic=True,
        default_root_dir=a.output_dir,
        logger=L.pytorch.loggers.CSVLogger(a.output_dir, name="csv_logs"),
        callbacks=[
            L.pytorch.callbacks.EarlyStopping("val/loss", patience=cfg["early_stopping_patience"]),
            L.pytorch.callbacks.ModelCheckpoint(a.output_dir, "best_checkpoint", monitor="val/loss"),
        ],
    )
    from smokeynet_adapted.dataset import make_loaders  # noqa: PLC0415

    train_dl, val_dl = make_loaders(a.train_dir, a.val_dir, cfg["batch_size"])
    trainer.fit(lit, train_dl, val_dl)


if __name__ == "__main__":
    main()
