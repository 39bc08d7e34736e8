from clip.clip import available_models, load, tokenize  # noqa: F401

dependencies = ["torch", "torchvision", "ftfy", "regex", "tqdm"]
