# Databricks notebook source
# MAGIC %md
# MAGIC ## Generation example
# MAGIC Loads a fine-tuned Dolly checkpoint and answers a couple of instructions.

# COMMAND ----------

# MAGIC %pip install -r ../requirements.txt

# COMMAND ----------

from training.generate import generate_response, load_model_tokenizer_for_generate

dbutils.widgets.text("input_model", "databricks/dolly-v2-12b", "input_model")
model, tokenizer = load_model_tokenizer_for_generate(dbutils.widgets.get("input_model"))

# COMMAND ----------

for instruction in [
    "Explain to me the difference between nuclear fission and fusion.",
    "Give me a list of 5 science fiction books I should read next.",
]:
    print(f"Instruction: {instruction}\n\n{generate_response(instruction, model=model, tokenizer=tokenizer)}\n\n-----------\n")
