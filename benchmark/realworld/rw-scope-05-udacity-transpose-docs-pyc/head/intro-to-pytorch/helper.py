"""Plotting helpers shared by the intro-to-pytorch notebooks."""
import matplotlib.pyplot as plt
import numpy as np


def imshow(image, ax=None, title=None, normalize=True):
    """Show a CHW image tensor."""
    if ax is None:
        _, ax = plt.subplots()
    image = image.numpy().transpose((1, 2, 0))
    if normalize:
        mean = np.array([0.485, 0.456, 0.406])
        std = np.array([0.229, 0.224, 0.225])
        image = np.clip(std * image + mean, 0, 1)
    ax.imshow(image)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def view_classify(img, ps):
    """Show an MNIST image next to its predicted class probabilities."""
    ps = ps.data.numpy().squeeze()
    fig, (ax1, ax2) = plt.subplots(figsize=(6, 9), ncols=2)
    ax1.imshow(img.resize_(1, 28, 28).numpy().squeeze())
    ax1.axis("off")
    ax2.barh(np.arange(10), ps)
    ax2.set_yticks(np.arange(10))
    ax2.set_title("Class Probability")
    ax2.set_xlim(0, 1.1)
    plt.tight_layout()
