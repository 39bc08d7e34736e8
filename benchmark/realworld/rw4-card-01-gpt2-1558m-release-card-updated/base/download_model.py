"""Downloads one released GPT-2 checkpoint (124M, 355M, ...) into models/<name>/."""
import os
import sys

import requests
from tqdm import tqdm

FILES = ["checkpoint", "encoder.json", "hparams.json", "model.ckpt.data-00000-of-00001", "model.ckpt.index",
         "model.ckpt.meta", "vocab.bpe"]

if len(sys.argv) != 2:
    print("You must enter the model name as a parameter, e.g.: download_model.py 124M")
    sys.exit(1)

model = sys.argv[1]
subdir = os.path.join("models", model)
os.makedirs(subdir, exist_ok=True)
subdir = subdir.replace("\\", "/")  # needed for Windows

for filename in FILES:
    r = requests.get("https://storage.googleapis.com/gpt-2/" + subdir + "/" + filename, stream=True)
    with open(os.path.join(subdir, filename), "wb") as f:
        size = int(r.headers["content-length"])
        with tqdm(ncols=100, desc="Fetching " + filename, total=size, unit_scale=True) as bar:
            for chunk in r.iter_content(chunk_size=1000):
                f.write(chunk)
                bar.update(1000)
