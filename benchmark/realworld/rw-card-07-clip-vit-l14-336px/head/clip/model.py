import torch
from torch import nn


def build_model(state_dict: dict) -> nn.Module:
    """Rebuild a CLIP module from a state dict. Trimmed copy: the ResNet/ViT towers live upstream.

    For ViT checkpoints the input resolution is derived from the positional embedding:
    grid = sqrt(n_positions - 1), input_resolution = patch_size * grid (224 for ViT-L/14, 336 for ViT-L/14@336px).
    """
    vit = "visual.proj" in state_dict
    if vit:
        patch_size = state_dict["visual.conv1.weight"].shape[-1]
        grid = round((state_dict["visual.positional_embedding"].shape[0] - 1) ** 0.5)
        input_resolution = patch_size * grid
    else:
        input_resolution = state_dict["visual.attnpool.positional_embedding"].shape[0] ** 0.5 * 32
    raise NotImplementedError(f"trimmed: would build CLIP with input_resolution={input_resolution}")
