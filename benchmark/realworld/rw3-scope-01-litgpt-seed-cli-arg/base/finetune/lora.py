# LoRA finetuning (condensed).
from pathlib import Path
from typing import Optional

import lightning as L
import torch


def setup(
    data_dir: Path = Path("data/alpaca"),
    checkpoint_dir: Path = Path("checkpoints/stabilityai/stablelm-base-alpha-3b"),
    out_dir: Path = Path("out/lora/alpaca"),
    precision: Optional[str] = None,
    devices: int = 1,
    lora_r: int = 8,
    lora_alpha: int = 16,
) -> None:
    fabric = L.Fabric(devices=devices, precision=precision)
    fabric.launch(main, data_dir, checkpoint_dir, out_dir, lora_r, lora_alpha)


def main(fabric, data_dir, checkpoint_dir, out_dir, lora_r, lora_alpha) -> None:
    fabric.seed_everything(1337)  # same seed for every process to init model (FSDP)
    if fabric.global_rank == 0:
        out_dir.mkdir(parents=True, exist_ok=True)
    train_data = torch.load(data_dir / "train.pt")
    fabric.print(f"{len(train_data)} train samples, r={lora_r}, alpha={lora_alpha}")
