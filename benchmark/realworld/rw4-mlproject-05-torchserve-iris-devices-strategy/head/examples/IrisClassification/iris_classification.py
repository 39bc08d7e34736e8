import argparse
from argparse import ArgumentParser

import mlflow
import pytorch_lightning as pl
import torch
import torch.nn as nn
import torch.nn.functional as F
from mlflow.models.signature import ModelSignature
from mlflow.types.schema import ColSpec, Schema
from pytorch_lightning import seed_everything
from sklearn.datasets import load_iris
from torch.utils.data import DataLoader, TensorDataset, random_split
from torchmetrics import Accuracy


class IrisClassification(pl.LightningModule):
    def __init__(self, **kwargs):
        super().__init__()
        self.train_acc, self.val_acc, self.test_acc = Accuracy(), Accuracy(), Accuracy()
        self.args = kwargs
        self.fc1 = nn.Linear(4, 10)
        self.fc2 = nn.Linear(10, 10)
        self.fc3 = nn.Linear(10, 3)
        self.cross_entropy_loss = nn.CrossEntropyLoss()

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return F.relu(self.fc3(x))

    @staticmethod
    def add_model_specific_args(parent_parser):
        parser = ArgumentParser(parents=[parent_parser], add_help=False)
        parser.add_argument("--lr", type=float, default=0.01, metavar="LR")
        return parser

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), self.args["lr"])

    def training_step(self, batch, batch_idx):
        x, y = batch
        logits = self.forward(x)
        loss = self.cross_entropy_loss(logits, y)
        self.train_acc(torch.argmax(logits, dim=1), y)
        self.log("train_acc", self.train_acc.compute(), on_step=False, on_epoch=True)
        self.log("train_loss", loss)
        return {"loss": loss}

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self.forward(x)
        self.val_acc(torch.argmax(logits, dim=1), y)
        self.log("val_acc", self.val_acc.compute())
        self.log("val_loss", F.cross_entropy(logits, y), sync_dist=True)

    def test_step(self, batch, batch_idx):
        x, y = batch
        self.test_acc(torch.argmax(self.forward(x), dim=1), y)
        self.log("test_acc", self.test_acc.compute())


class IrisDataModule(pl.LightningDataModule):
    def __init__(self, **kwargs):
        super().__init__()
        self.args = kwargs

    def setup(self, stage=None):
        iris = load_iris()
        data = torch.Tensor(iris.data).float()
        labels = torch.Tensor(iris["target"]).long()
        seed_everything(42)
        self.train_set, self.val_set = random_split(TensorDataset(data, labels), [130, 20])
        self.train_set, self.test_set = random_split(self.train_set, [110, 20])

    @staticmethod
    def add_model_specific_args(parent_parser):
        parser = ArgumentParser(parents=[parent_parser], add_help=False)
        parser.add_argument("--batch-size", type=int, default=128, metavar="N")
        parser.add_argument("--num-workers", type=int, default=3, metavar="N")
        return parser

    def _loader(self, dataset):
        return DataLoader(dataset, batch_size=self.args["batch_size"], num_workers=self.args["num_workers"])

    def train_dataloader(self):
        return self._loader(self.train_set)

    def val_dataloader(self):
        return self._loader(self.val_set)

    def test_dataloader(self):
        return self._loader(self.test_set)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Iris Classification model")
    parser.add_argument("--save-model", type=bool, default=True, help="For Saving the current Model")

    parser = pl.Trainer.add_argparse_args(parent_parser=parser)
    parser = IrisClassification.add_model_specific_args(parent_parser=parser)
    parser = IrisDataModule.add_model_specific_args(parent_parser=parser)

    args = parser.parse_args()
    dict_args = vars(args)

    if "strategy" in dict_args:
        if dict_args["strategy"] == "None":
            dict_args["strategy"] = None

    if "devices" in dict_args:
        if dict_args["devices"] == "None":
            dict_args["devices"] = None

    dm = IrisDataModule(**dict_args)
    dm.setup(stage="fit")
    model = IrisClassification(**dict_args)
    trainer = pl.Trainer.from_argparse_args(args)
    trainer.fit(model, dm)
    trainer.test(datamodule=dm)

    input_schema = Schema([ColSpec("double", "sepal length (cm)"), ColSpec("double", "sepal width (cm)"),
                           ColSpec("double", "petal length (cm)"), ColSpec("double", "petal width (cm)")])
    signature = ModelSignature(inputs=input_schema, outputs=Schema([ColSpec("long")]))
    mlflow.pytorch.save_model(trainer.lightning_module, "model", signature=signature)
