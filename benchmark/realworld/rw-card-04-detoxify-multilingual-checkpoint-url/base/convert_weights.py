import argparse
import hashlib
from collections import OrderedDict

import torch


def main():
    """Turn a Lightning training checkpoint into the {config, state_dict} file that detoxify loads."""
    checkpoint = torch.load(ARGS.checkpoint, map_location=ARGS.device)

    converted = {
        "state_dict": OrderedDict(),
        "config": checkpoint["hyper_parameters"]["config"],
    }
    for key, value in checkpoint["state_dict"].items():
        if key.startswith("model."):
            key = key[len("model."):]
        converted["state_dict"][key] = value

    torch.save(converted, ARGS.save_to)

    if ARGS.hash:
        with open(ARGS.save_to, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        print("Hash: ", digest)
        torch.save(converted, ARGS.save_to[:-5] + f"-{digest[:8]}.ckpt")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckeckpoint", type=str, help="path to the Lightning checkpoint")
    parser.add_argument("--save_to", type=str, help="where to write the converted checkpoint")
    parser.add_argument("--device", type=str, default="cpu", help="device to load the checkpoint on")
    parser.add_argument("--hash", type=bool, default=True, help="also save a copy with the hash in its name")
    ARGS = parser.parse_args()
    main()
