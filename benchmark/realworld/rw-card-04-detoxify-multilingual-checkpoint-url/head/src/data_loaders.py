import numpy as np
import pandas as pd
import torch
from torch.utils.data.dataset import Dataset
from tqdm import tqdm


class JigsawData(Dataset):
    """Base loader for the Jigsaw csv files."""

    def __init__(self, train_csv_file, test_csv_file, train=True, add_test_labels=False, classes=("toxic",)):
        if train:
            self.data = self.load_data(train_csv_file)
        else:
            self.data = self.load_data(test_csv_file)
        self.train = train
        self.classes = list(classes)

    def __len__(self):
        return len(self.data)

    def load_data(self, train_csv_file):
        if isinstance(train_csv_file, str):
            train_csv_file = [train_csv_file]
        files = []
        # harmonise the label names of the 2018 and 2019 challenges so both can be trained on together
        change_names = {
            "target": "toxicity",
            "toxic": "toxicity",
            "identity_hate": "identity_attack",
            "severe_toxic": "severe_toxicity",
        }
        for file in tqdm(train_csv_file):
            file_df = pd.concat(pd.read_csv(file, chunksize=100000), axis=0)
            renames = {k: v for k, v in change_names.items() if k in file_df.columns}
            if renames:
                file_df.rename(columns=renames, inplace=True)
            file_df = file_df.astype({"id": "string"})
            files.append(file_df)
        # outer join: labels missing from one challenge become NaN and are masked out later
        return pd.concat(files, join="outer")

    def filter_entry_labels(self, entry, classes, threshold=0.5, soft_labels=False):
        target = {label: -1 if label not in entry or entry[label] is None else entry[label] for label in classes}
        if not soft_labels:
            target.update({label: 1 for label in target if target[label] >= threshold})
            target.update({label: 0 for label in target if 0 <= target[label] < threshold})
        return target


class JigsawDataOriginal(JigsawData):
    """Toxic Comment Classification Challenge (2018)."""

    def __getitem__(self, index):
        entry = self.data.iloc[index]
        target = torch.tensor([entry[c] for c in self.classes], dtype=torch.float32)
        return entry["comment_text"], {"target": target}


class JigsawDataBias(JigsawData):
    """Unintended Bias in Toxicity Classification (2019): identity labels and bias-aware weights."""

    def __init__(self, train_csv_file, test_csv_file, train=True, add_test_labels=False,
                 loss_weight=0.75, classes=("toxic",), identity_classes=("female",), soft_labels=False):
        self.classes = list(classes)
        self.soft_labels = soft_labels
        self.identity_classes = list(identity_classes)
        super().__init__(train_csv_file, test_csv_file, train=train, add_test_labels=add_test_labels, classes=classes)
        if train:
            self.weights = self.compute_weigths(self.data)
        self.loss_weight = loss_weight

    def __getitem__(self, index):
        entry = self.data.iloc[index]
        target_dict = self.filter_entry_labels(
            entry, self.classes + self.identity_classes, threshold=0.5, soft_labels=self.soft_labels
        )
        meta = {"multi_target": torch.tensor(list(target_dict.values()), dtype=torch.float32)}
        if self.train:
            meta["weights"] = self.weights[index]
        return entry["comment_text"], meta

    def compute_weigths(self, train_df):
        """Inspired from 2nd best solution; upweights background-positive / subgroup-negative examples."""
        subgroup_bool = (train_df[self.identity_classes].fillna(0) >= 0.5).sum(axis=1) > 0
        positive_bool = train_df["toxicity"] >= 0.5
        weights = np.ones(len(train_df)) * 0.25
        # Backgroud Positive and Subgroup Negative
        weights[((~subgroup_bool) & (positive_bool)) | ((subgroup_bool) & (~positive_bool))] += 0.25
        # Subgroup Positive
        weights[(subgroup_bool) & (positive_bool)] += 0.25
        return weights
