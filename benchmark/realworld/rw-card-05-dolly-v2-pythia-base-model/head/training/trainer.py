import logging
from functools import partial
from pathlib import Path
from typing import Union

import click
import mlflow
import numpy as np
from datasets import Dataset, load_dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    PreTrainedTokenizer,
    Trainer,
    TrainingArguments,
    set_seed,
)

from .consts import (
    DEFAULT_INPUT_MODEL,
    DEFAULT_SEED,
    END_KEY,
    INSTRUCTION_KEY,
    PROMPT_NO_INPUT_FORMAT,
    PROMPT_WITH_INPUT_FORMAT,
    RESPONSE_KEY_NL,
)

logger = logging.getLogger(__name__)
ROOT_PATH = Path(__file__).parent.parent
DATABRICKS_DOLLY_15K_PATH = ROOT_PATH / "data" / "databricks-dolly-15k.jsonl"


class DataCollatorForCompletionOnlyLM(DataCollatorForLanguageModeling):
    """Masks everything before the response key so the loss only covers the response tokens."""

    def torch_call(self, examples):
        batch = super().torch_call(examples)
        response_token_ids = self.tokenizer.encode(RESPONSE_KEY_NL)
        labels = batch["labels"].clone()
        for i in range(len(examples)):
            starts = np.where(batch["labels"][i] == response_token_ids[0])[0]
            if len(starts) == 0:
                raise RuntimeError(f"Could not find response key {response_token_ids} in token IDs {batch['labels'][i]}")
            labels[i, : starts[0] + 1] = -100
        batch["labels"] = labels
        return batch


def preprocess_batch(batch, tokenizer: AutoTokenizer, max_length: int) -> dict:
    return tokenizer(batch["text"], max_length=max_length, truncation=True)


def load_training_dataset() -> Dataset:
    logger.info(f"Loading dataset from {DATABRICKS_DOLLY_15K_PATH}")
    dataset = load_dataset("json", data_files=str(DATABRICKS_DOLLY_15K_PATH))["train"]
    logger.info("Found %d rows", dataset.num_rows)

    def _add_text(rec):
        instruction, response, context = rec["instruction"], rec["response"], rec.get("context")
        if not instruction:
            raise ValueError(f"Expected an instruction in: {rec}")
        if not response:
            raise ValueError(f"Expected a response in: {rec}")
        # some records carry a context passage (closed QA, summarization, extraction), others do not
        if context:
            rec["text"] = PROMPT_WITH_INPUT_FORMAT.format(instruction=instruction, response=response, input=context)
        else:
            rec["text"] = PROMPT_NO_INPUT_FORMAT.format(instruction=instruction, response=response)
        return rec

    return dataset.map(_add_text)


def load_tokenizer(pretrained_model_name_or_path: str = DEFAULT_INPUT_MODEL) -> PreTrainedTokenizer:
    tokenizer = AutoTokenizer.from_pretrained(pretrained_model_name_or_path)
    tokenizer.pad_token = tokenizer.eos_token
    tokenizer.add_special_tokens({"additional_special_tokens": [END_KEY, INSTRUCTION_KEY, RESPONSE_KEY_NL]})
    return tokenizer


def load_model(pretrained_model_name_or_path: str = DEFAULT_INPUT_MODEL, *, gradient_checkpointing: bool = False):
    return AutoModelForCausalLM.from_pretrained(
        pretrained_model_name_or_path, trust_remote_code=True, use_cache=False if gradient_checkpointing else True
    )


def preprocess_dataset(tokenizer: AutoTokenizer, max_length: int, seed=DEFAULT_SEED) -> Dataset:
    dataset = load_training_dataset()
    dataset = dataset.map(partial(preprocess_batch, max_length=max_length, tokenizer=tokenizer), batched=True,
                          remove_columns=["instruction", "context", "response", "text", "category"])
    # a truncated record would lose its end key, so drop them
    logger.info("Processed dataset has %d rows", dataset.num_rows)
    dataset = dataset.filter(lambda rec: len(rec["input_ids"]) < max_length)
    logger.info("Processed dataset has %d rows after filtering for truncated records", dataset.num_rows)
    return dataset.shuffle(seed=seed)


def train(
    *,
    input_model: str,
    local_output_dir: str,
    dbfs_output_dir: str,
    epochs: int,
    per_device_train_batch_size: int,
    per_device_eval_batch_size: int,
    lr: float,
    seed: int,
    deepspeed: str,
    gradient_checkpointing: bool,
    local_rank: str,
    bf16: bool,
    logging_steps: int,
    save_steps: int,
    eval_steps: int,
    test_size: Union[float, int],
    save_total_limit: int,
    warmup_steps: int,
):
    set_seed(seed)
    tokenizer = load_tokenizer(input_model)
    model = load_model(input_model, gradient_checkpointing=gradient_checkpointing)
    model.resize_token_embeddings(len(tokenizer))

    max_length = getattr(model.config, "n_positions", 1024)
    split = preprocess_dataset(tokenizer=tokenizer, max_length=max_length, seed=seed).train_test_split(test_size=test_size, seed=seed)

    training_args = TrainingArguments(
        output_dir=local_output_dir,
        per_device_train_batch_size=per_device_train_batch_size,
        per_device_eval_batch_size=per_device_eval_batch_size,
        fp16=False,
        bf16=bf16,
        learning_rate=lr,
        num_train_epochs=epochs,
        deepspeed=deepspeed,
        gradient_checkpointing=gradient_checkpointing,
        logging_dir=f"{local_output_dir}/runs",
        logging_strategy="steps",
        logging_steps=logging_steps,
        evaluation_strategy="steps",
        eval_steps=eval_steps,
        save_strategy="steps",
        save_steps=save_steps,
        save_total_limit=save_total_limit,
        warmup_steps=warmup_steps,
        load_best_model_at_end=False,
        report_to=["tensorboard", "mlflow"],
        disable_tqdm=True,
        remove_unused_columns=False,
        local_rank=local_rank,
    )
    trainer = Trainer(
        model=model,
        tokenizer=tokenizer,
        args=training_args,
        train_dataset=split["train"],
        eval_dataset=split["test"],
        data_collator=DataCollatorForCompletionOnlyLM(tokenizer=tokenizer, mlm=False, return_tensors="pt", pad_to_multiple_of=8),
    )
    trainer.train()
    trainer.save_model(output_dir=local_output_dir)
    if dbfs_output_dir:
        trainer.save_model(output_dir=dbfs_output_dir)


@click.command()
@click.option("--input-model", type=str, help="Input model to fine tune", default=DEFAULT_INPUT_MODEL)
@click.option("--local-output-dir", type=str, help="Write directly to this local path", required=True)
@click.option("--dbfs-output-dir", type=str, help="Sync data to this path on DBFS")
@click.option("--epochs", type=int, default=3, help="Number of epochs to train for.")
@click.option("--per-device-train-batch-size", type=int, default=8)
@click.option("--per-device-eval-batch-size", type=int, default=8)
@click.option("--lr", type=float, default=1e-5, help="Learning rate to use for training.")
@click.option("--logging-steps", type=int, default=10, help="How often to log")
@click.option("--eval-steps", type=int, default=50, help="How often to run evaluation on test records")
@click.option("--save-steps", type=int, default=400, help="How often to checkpoint the model")
@click.option("--save-total-limit", type=int, default=10, help="Maximum number of checkpoints to keep on disk")
@click.option("--warmup-steps", type=int, default=None, help="Number of steps to warm up to learning rate")
@click.option("--test-size", type=int, default=1000, help="Number of test records for evaluation, or ratio of test records.")
@click.option("--seed", type=int, default=DEFAULT_SEED, help="Seed to use for training.")
@click.option("--deepspeed", type=str, default=None, help="Path to deepspeed config file.")
@click.option("--gradient-checkpointing/--no-gradient-checkpointing", is_flag=True, default=True)
@click.option("--local_rank", type=str, default=True, help="Provided by deepspeed to identify which instance this process is.")
@click.option("--bf16", type=bool, default=True, help="Whether to use bf16 (preferred on A100's).")
def main(**kwargs):
    train(**kwargs)


if __name__ == "__main__":
    logging.basicConfig(format="%(asctime)s %(levelname)s [%(name)s] %(message)s", level=logging.INFO)
    main()
