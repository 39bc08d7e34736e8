import argparse
import json
import os

import pytorch_lightning as pl
import torch
from pytorch_lightning.callbacks import ModelCheckpoint
from torch.nn import functional as F
from torch.utils.data import DataLoader

import src.data_loaders as module_data
from src.utils import get_model_and_tokenizer


class ToxicClassifier(pl.LightningModule):
    """Multi-label toxic comment classifier wrapped for Lightning."""

    def __init__(self, config):
        super().__init__()
        self.save_hyperparameters()
        self.num_classes = config["arch"]["args"]["num_classes"]
        self.model_args = config["arch"]["args"]
        self.model, self.tokenizer = get_model_and_tokenizer(**self.model_args)
        self.bias_loss = "loss_weight" in config
        self.loss_weight = config.get("loss_weight", 1.0)
        self.num_main_classes = config.get("num_main_classes", self.num_classes)
        self.config = config

    def forward(self, x):
        inputs = self.tokenizer(x, return_tensors="pt", truncation=True, padding=True).to(self.model.device)
        return self.model(**inputs)[0]

    def training_step(self, batch, batch_idx):
        x, meta = batch
        output = self.forward(x)
        loss = self.binary_cross_entropy(output, meta)
        self.log("train_loss", loss)
        return {"loss": loss}

    def validation_step(self, batch, batch_idx):
        x, meta = batch
        output = self.forward(x)
        loss = self.binary_cross_entropy(output, meta)
        self.log("val_loss", loss)
        return {"loss": loss}

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), **self.config["optimizer"]["args"])

    def binary_cross_entropy(self, input, meta):
        target = meta["target"].to(input.device)
        weight = meta["weights"].to(input.device) if self.bias_loss else None
        mask = target != -1
        return F.binary_cross_entropy_with_logits(input[mask], target[mask].float(), weight=weight[mask] if weight is not None else None)


def cli_main():
    parser = argparse.ArgumentParser(description="Detoxify training")
    parser.add_argument("-c", "--config", default=None, type=str, help="config file path")
    parser.add_argument("-r", "--resume", default=None, type=str, help="path to latest checkpoint")
    parser.add_argument("-d", "--device", default=None, type=str, help="comma-separated GPU indices")
    parser.add_argument("--num_workers", default=10, type=int)
    parser.add_argument("-e", "--n_epochs", default=100, type=int)
    args = parser.parse_args()

    config = json.load(open(args.config))
    if args.device is not None:
        config["device"] = args.device
        os.environ["CUDA_VISIBLE_DEVICES"] = args.device

    def get_instance(module, name, config, *a, **kw):
        return getattr(module, config[name]["type"])(*a, **config[name]["args"], **kw)

    dataset = get_instance(module_data, "dataset", config)
    val_dataset = get_instance(module_data, "dataset", config, train=False)
    data_loader = DataLoader(dataset, batch_size=int(config["batch_size"]), num_workers=args.num_workers, shuffle=True)
    valid_data_loader = DataLoader(val_dataset, batch_size=config["batch_size"], num_workers=args.num_workers, shuffle=False)

    model = ToxicClassifier(config)
    checkpoint_callback = ModelCheckpoint(save_top_k=100, verbose=True, monitor="val_loss", mode="min")
    trainer = pl.Trainer(
        gpus=args.device,
        max_epochs=args.n_epochs,
        accumulate_grad_batches=config["accumulate_grad_batches"],
        callbacks=[checkpoint_callback],
        resume_from_checkpoint=args.resume,
        default_root_dir="saved/" + config["name"],
        deterministic=True,
    )
    trainer.fit(model, data_loader, valid_data_loader)


if __name__ == "__main__":
    cli_main()
