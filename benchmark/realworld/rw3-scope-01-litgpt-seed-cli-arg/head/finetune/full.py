# Full-parameter finetuning (condensed).
from pathlib import Path
from typing import Optional

import lightning as L
import torch


def setup(
    data_dir: Path = Path("data/alpaca"),
    checkpoint_dir: Path = Path("checkpoints/stabilityai/stablelm-base-alpha-3b"),
    out_dir: Path = Path("out/full/alpaca"),
    precision: Optional[str] = None,
    devices: int = 1,
    seed: int = 1337,
    learning_rate: float = 3e-3,
    batch_size: int = 64,
    max_iters: int = 50000,
) -> None:
    fabric = L.Fabric(devices=devices, precision=precision)
    fabric.launch(main, data_dir, checkpoint_dir, out_dir, learning_rate, batch_size, max_iters, seed)


def main(fabric, data_dir, checkpoint_dir, out_dir, learning_rate, batch_size, max_iters, seed) -> None:
    fabric.seed_everything(seed)  # same seed for every process to init model (FSDP)
    if fabric.global_rank == 0:
        out_dir.mkdir(parents=True, exist_ok=True)
    train_data = torch.load(data_dir / "train.pt")
    val_data = torch.load(data_dir / "test.pt")
    fabric.print(f"{len(train_data)} train / {len(val_data)} val samples, lr={learning_rate}")
