#
# Trains an MNIST digit recognizer with PyTorch Lightning and autologs it to MLflow.
#
from argparse import ArgumentParser

import mlflow.pytorch
import pytorch_lightning as pl
import torch
from pytorch_lightning import seed_everything
from torch.nn import functional as F
from torch.utils.data import DataLoader, random_split
from torchmetrics import Accuracy
from torchvision import datasets, transforms


class MNISTDataModule(pl.LightningDataModule):
    def __init__(self, **kwargs):
        super().__init__()
        self.args = kwargs
        self.transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])

    def setup(self, stage=None):
        seed_everything(42)
        full = datasets.MNIST("dataset", download=True, train=True, transform=self.transform)
        self.df_train, self.df_val = random_split(full, [55000, 5000])
        self.df_test = datasets.MNIST("dataset", download=True, train=False, transform=self.transform)

    @staticmethod
    def add_model_specific_args(parent_parser):
        parser = ArgumentParser(parents=[parent_parser], add_help=False)
        parser.add_argument("--batch-size", type=int, default=64, metavar="N")
        parser.add_argument("--num-workers", type=int, default=3, metavar="N")
        return parser

    def _loader(self, frame):
        return DataLoader(frame, batch_size=self.args["batch_size"], num_workers=self.args["num_workers"])

    def train_dataloader(self):
        return self._loader(self.df_train)

    def val_dataloader(self):
        return self._loader(self.df_val)

    def test_dataloader(self):
        return self._loader(self.df_test)


class LightningMNISTClassifier(pl.LightningModule):
    def __init__(self, **kwargs):
        super().__init__()
        self.train_acc, self.val_acc, self.test_acc = Accuracy(), Accuracy(), Accuracy()
        self.layer_1 = torch.nn.Linear(28 * 28, 128)
        self.layer_2 = torch.nn.Linear(128, 256)
        self.layer_3 = torch.nn.Linear(256, 10)
        self.args = kwargs

    @staticmethod
    def add_model_specific_args(parent_parser):
        parser = ArgumentParser(parents=[parent_parser], add_help=False)
        parser.add_argument("--lr", type=float, default=0.001, metavar="LR")
        return parser

    def forward(self, x):
        x = x.view(x.size()[0], -1)
        x = torch.relu(self.layer_1(x))
        x = torch.relu(self.layer_2(x))
        return torch.log_softmax(self.layer_3(x), dim=1)

    def training_step(self, batch, batch_idx):
        x, y = batch
        logits = self.forward(x)
        loss = F.nll_loss(logits, y)
        self.train_acc(torch.argmax(logits, dim=1), y)
        self.log("train_acc", self.train_acc.compute())
        self.log("train_loss", loss)
        return {"loss": loss}

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self.forward(x)
        self.val_acc(torch.argmax(logits, dim=1), y)
        self.log("val_acc", self.val_acc.compute())
        self.log("val_loss", F.nll_loss(logits, y), sync_dist=True)

    def test_step(self, batch, batch_idx):
        x, y = batch
        self.test_acc(torch.argmax(self.forward(x), dim=1), y)
        self.log("test_acc", self.test_acc.compute())

    def configure_optimizers(self):
        optimizer = torch.optim.Adam(self.parameters(), lr=self.args["lr"])
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.2, patience=2,
                                                               min_lr=1e-6)
        return [optimizer], [{"scheduler": scheduler, "monitor": "val_loss"}]


if __name__ == "__main__":
    parser = ArgumentParser(description="PyTorch Autolog Mnist Example")
    parser.add_argument("--registration_name", type=str, default="mnist_classifier", help="Model registration name")
    parser.add_argument("--register", type=str, default="true", help="To enable/disable model registration")
    parser = pl.Trainer.add_argparse_args(parent_parser=parser)
    parser = LightningMNISTClassifier.add_model_specific_args(parent_parser=parser)
    parser = MNISTDataModule.add_model_specific_args(parent_parser=parser)

    args = parser.parse_args()
    dict_args = vars(args)

    if "strategy" in dict_args:
        if dict_args["strategy"] == "None":
            dict_args["strategy"] = None

    mlflow.pytorch.autolog()

    model = LightningMNISTClassifier(**dict_args)
    dm = MNISTDataModule(**dict_args)
    dm.setup(stage="fit")

    trainer = pl.Trainer.from_argparse_args(args)
    trainer.fit(model, dm)
    trainer.test(datamodule=dm)

    run = mlflow.active_run()
    if dict_args["register"] == "true":
        mlflow.register_model(model_uri=run.info.artifact_uri, name=dict_args["registration_name"])
    else:
        torch.save(trainer.lightning_module.state_dict(), "model.pth")
