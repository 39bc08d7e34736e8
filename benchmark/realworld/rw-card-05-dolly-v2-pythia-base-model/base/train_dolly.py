# Databricks notebook source
# MAGIC %md
# MAGIC ## Train Dolly
# MAGIC
# MAGIC Fine-tunes [GPT-J 6B](https://huggingface.co/EleutherAI/gpt-j-6B) on the
# MAGIC [Alpaca](https://huggingface.co/datasets/tatsu-lab/alpaca) dataset.
# MAGIC
# MAGIC Licensed under the Apache License, Version 2.0. GPT-J 6B is Apache 2.0 licensed; the Alpaca
# MAGIC dataset is licensed CC BY-NC 4.0.

# COMMAND ----------

# MAGIC %pip install -r requirements.txt

# COMMAND ----------

import logging

logging.basicConfig(format="%(asctime)s %(levelname)s [%(name)s] %(message)s", level=logging.INFO)
logging.getLogger("py4j").setLevel(logging.WARNING)

# COMMAND ----------

import os
from datetime import datetime

from training.trainer import load_tokenizer, load_training_dataset

dbutils.widgets.text("num_gpus", "", "num_gpus")
dbutils.widgets.text("local_training_root", "", "local_training_root")
dbutils.widgets.text("dbfs_output_root", "", "dbfs_output_root")

# COMMAND ----------

# cache data and tokenizer before deepspeed starts its worker processes
load_training_dataset()
load_tokenizer()

# COMMAND ----------

timestamp = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
model_name = "dolly"
checkpoint_dir_name = f"{model_name}__{timestamp}"

root_path = os.getcwd()
deepspeed_config = os.path.join(root_path, "config/ds_z3_bf16_config.json")

local_training_root = dbutils.widgets.get("local_training_root") or (
    "/local_disk0/dolly_training" if os.path.exists("/local_disk0") else os.path.expanduser("~/dolly_training")
)
dbfs_output_root = dbutils.widgets.get("dbfs_output_root") or "/dbfs/dolly_training"
os.makedirs(local_training_root, exist_ok=True)
os.makedirs(dbfs_output_root, exist_ok=True)

local_output_dir = os.path.join(local_training_root, checkpoint_dir_name)
dbfs_output_dir = os.path.join(dbfs_output_root, checkpoint_dir_name)

num_gpus = dbutils.widgets.get("num_gpus")
num_gpus_flag = f"--num_gpus={int(num_gpus)}" if num_gpus else ""
os.environ["TOKENIZERS_PARALLELISM"] = "false"

# COMMAND ----------

# MAGIC !deepspeed {num_gpus_flag} \
# MAGIC     --module training.trainer \
# MAGIC     --deepspeed {deepspeed_config} \
# MAGIC     --epochs 1 \
# MAGIC     --local-output-dir {local_output_dir} \
# MAGIC     --dbfs-output-dir {dbfs_output_dir} \
# MAGIC     --per-device-train-batch-size 8 \
# MAGIC     --per-device-eval-batch-size 8 \
# MAGIC     --lr 1e-5

# COMMAND ----------

from training.generate import generate_response, load_model_tokenizer_for_generate

model, tokenizer = load_model_tokenizer_for_generate(dbfs_output_dir)
for instruction in ["Write a love letter to Edgar Allan Poe.", "Explain to me the difference between nuclear fission and fusion."]:
    print(instruction, "\n", generate_response(instruction, model=model, tokenizer=tokenizer), "\n")
