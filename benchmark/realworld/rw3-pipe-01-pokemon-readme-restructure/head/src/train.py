"""Train a small CNN that says whether a Pokémon has the configured type."""
import argparse
import pickle
from pathlib import Path

import matplotlib.pyplot as plt
import yaml
from tensorflow import keras

ROOT = Path(__file__).resolve().parents[1]


def load(folder, name):
    return pickle.loads((ROOT / folder / f"{name}.pckl").read_bytes())


def build(width, height, learning_rate):
    model = keras.Sequential([
        keras.layers.Conv2D(16, 3, activation="relu", input_shape=(width, height, 3)),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def save(model, history):
    plt.figure()
    for key, values in history.history.items():
        plt.plot(values, label=key)
    plt.legend(loc="best")
    plt.savefig(ROOT / "outputs" / "train_history.png", dpi=150)
    model.save(ROOT / "outputs" / "model")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--params", required=True)
    params = yaml.safe_load(open(parser.parse_args().params))
    folder = params["data_preprocess"]["destination_directory"]
    X, X_train, X_test = (load(folder, n) for n in ("X", "X_train", "X_test"))
    y_train, y_test = load(folder, "y_train"), load(folder, "y_test")
    model = build(len(X[1]), len(X[2]), params["train"]["learning_rate"])
    history = model.fit(X_train, y_train, validation_data=(X_test, y_test),
                        epochs=params["train"]["epochs"], batch_size=params["train"]["batch_size"])
    save(model, history)
