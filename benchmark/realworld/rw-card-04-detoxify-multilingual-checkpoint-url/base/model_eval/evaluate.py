import argparse
import json

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader
from tqdm import tqdm

import src.data_loaders as module_data
from train import ToxicClassifier


def test_classifier(config, dataset, checkpoint_path, device="cuda:0"):
    model = ToxicClassifier(config)
    checkpoint = torch.load(checkpoint_path, map_location=device)
    model.load_state_dict(checkpoint["state_dict"])
    model.eval().to(device)

    loader = DataLoader(dataset, batch_size=int(config["batch_size"]), shuffle=False)
    scores, targets, ids = [], [], []
    for x_batch, meta in tqdm(loader):
        out = model.forward(x_batch)
        scores.extend(torch.sigmoid(out).cpu().detach().numpy())
        targets.extend(meta["multi_target"].numpy())
        ids.extend(meta["text_id"])

    scores, targets = np.stack(scores), np.stack(targets)
    aucs = []
    for class_idx in range(scores.shape[1]):
        mask = targets[:, class_idx] != -1
        if len(np.unique(targets[mask, class_idx])) > 1:
            aucs.append(roc_auc_score(targets[mask, class_idx], scores[mask, class_idx]))
    return {"scores": scores.tolist(), "targets": targets.tolist(), "ids": ids, "auc": float(np.mean(aucs))}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Detoxify evaluation")
    parser.add_argument("-c", "--config", type=str, required=True)
    parser.add_argument("-ckpt", "--checkpoint", type=str, required=True)
    parser.add_argument("-t", "--test_csv", type=str, required=True)
    parser.add_argument("-d", "--device", default="cuda:0", type=str)
    args = parser.parse_args()
    config = json.load(open(args.config))
    config["dataset"]["args"]["test_csv_file"] = args.test_csv
    dataset = getattr(module_data, config["dataset"]["type"])(**config["dataset"]["args"], train=False)
    results = test_classifier(config, dataset, args.checkpoint, args.device)
    json.dump(results, open(args.checkpoint[:-4] + "results.json", "w"))
    print("AUC:", results["auc"])
