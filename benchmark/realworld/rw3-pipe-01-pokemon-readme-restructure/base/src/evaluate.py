"""Score the saved model and write metrics and a confusion matrix."""
import argparse
import pickle
from pathlib import Path

import matplotlib.pyplot as plt
import yaml
from sklearn.metrics import (ConfusionMatrixDisplay, accuracy_score, confusion_matrix,
                             f1_score, precision_score, recall_score)
from tensorflow import keras

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--params", required=True)
    params = yaml.safe_load(open(parser.parse_args().params))
    folder = ROOT / params["data_preprocess"]["destination_directory"]

    model = keras.models.load_model(ROOT / "outputs" / "model")
    X = pickle.loads((folder / "X.pckl").read_bytes())
    y = pickle.loads((folder / "y.pckl").read_bytes())

    # Score every Pokémon (train and test together; the data set is small)
    predictions = model.predict(X) > 0.5
    metrics = {
        "acc": float(accuracy_score(y, predictions)),
        "precision": float(precision_score(y, predictions)),
        "recall": float(recall_score(y, predictions)),
        "f1": float(f1_score(y, predictions)),
    }
    with open(ROOT / "outputs" / "metrics.yaml", "w") as handle:
        yaml.dump(metrics, handle, default_flow_style=False)

    ConfusionMatrixDisplay(confusion_matrix=confusion_matrix(y, predictions)).plot()
    plt.savefig(ROOT / "outputs" / "confusion_matrix.png", dpi=150, bbox_inches="tight")
    print(metrics)
