import argparse
import json

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score


def language_breakdown(results, test_csv):
    """AUC of the toxicity score per language of the multilingual test set."""
    df = pd.read_csv(test_csv)
    scores = np.array(results["scores"])[:, 0]
    out = {}
    for lang, idx in df.groupby("lang").groups.items():
        out[lang] = {"size": len(idx), "auc": roc_auc_score(df.loc[idx, "toxic"], scores[idx])}
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--test_csv", default="jigsaw_data/jigsaw-multilingual-toxic-comment-classification/test_public_expanded.csv")
    args = parser.parse_args()
    table = language_breakdown(json.load(open(args.results)), args.test_csv)
    for lang, row in sorted(table.items(), key=lambda kv: kv[1]["auc"]):
        print(f"{lang}\t{row['size']}\t{row['auc'] * 100:.2f}")
