#    Copyright 2023 Rohan Taori, Ishaan Gulrajani, Tianyi Zhang, Yann Dubois, Xuechen Li
#    Licensed under the Apache License, Version 2.0.

import copy
import logging
from dataclasses import dataclass, field
from typing import Dict, Optional, Sequence

import torch
import transformers
from torch.utils.data import Dataset
from transformers import Trainer

import utils

IGNORE_INDEX = -100
DEFAULT_PAD_TOKEN = "[PAD]"
DEFAULT_EOS_TOKEN = "</s>"
DEFAULT_BOS_TOKEN = "</s>"
DEFAULT_UNK_TOKEN = "</s>"
PROMPT_DICT = {
    "prompt_input": (
        "Below is an instruction that describes a task, paired with an input that provides further context. "
        "Write a response that appropriately completes the request.\n\n"
        "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:"
    ),
    "prompt_no_input": (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request.\n\n"
        "### Instruction:\n{instruction}\n\n### Response:"
    ),
}


@dataclass
class ModelArguments:
    model_name_or_path: Optional[str] = field(default="facebook/opt-125m")


@dataclass
class DataArguments:
    data_path: str = field(default=None, metadata={"help": "Path to the training data."})


@dataclass
class TrainingArguments(transformers.TrainingArguments):
    cache_dir: Optional[str] = field(default=None)
    optim: str = field(default="adamw_torch")
    model_max_length: int = field(default=512, metadata={"help": "Maximum sequence length; longer sequences are truncated."})


def safe_save_model_for_hf_trainer(trainer: transformers.Trainer, output_dir: str):
    """Gather the (possibly sharded) state dict on CPU and save it."""
    state_dict = trainer.model.state_dict()
    if trainer.args.should_save:
        cpu_state_dict = {key: value.cpu() for key, value in state_dict.items()}
        del state_dict
        trainer._save(output_dir, state_dict=cpu_state_dict)  # noqa


def smart_tokenizer_and_embedding_resize(special_tokens_dict: Dict, tokenizer, model):
    """Add special tokens and initialise their embeddings with the mean of the existing ones."""
    num_new_tokens = tokenizer.add_special_tokens(special_tokens_dict)
    model.resize_token_embeddings(len(tokenizer))
    if num_new_tokens > 0:
        for emb in (model.get_input_embeddings().weight.data, model.get_output_embeddings().weight.data):
            emb[-num_new_tokens:] = emb[:-num_new_tokens].mean(dim=0, keepdim=True)


def _tokenize_fn(strings: Sequence[str], tokenizer) -> Dict:
    tokenized = [tokenizer(t, return_tensors="pt", padding="longest", max_length=tokenizer.model_max_length, truncation=True) for t in strings]
    input_ids = [t.input_ids[0] for t in tokenized]
    lens = [t.input_ids.ne(tokenizer.pad_token_id).sum().item() for t in tokenized]
    return dict(input_ids=input_ids, labels=input_ids, input_ids_lens=lens, labels_lens=lens)


def preprocess(sources: Sequence[str], targets: Sequence[str], tokenizer) -> Dict:
    """Tokenize prompt+answer and mask the prompt part of the labels."""
    examples = [s + t for s, t in zip(sources, targets)]
    examples_tokenized, sources_tokenized = [_tokenize_fn(strings, tokenizer) for strings in (examples, sources)]
    input_ids = examples_tokenized["input_ids"]
    labels = copy.deepcopy(input_ids)
    for label, source_len in zip(labels, sources_tokenized["input_ids_lens"]):
        label[:source_len] = IGNORE_INDEX
    return dict(input_ids=input_ids, labels=labels)


class SupervisedDataset(Dataset):
    def __init__(self, data_path: str, tokenizer):
        super().__init__()
        records = utils.jload(data_path)
        sources = [
            (PROMPT_DICT["prompt_input"] if r.get("input", "") != "" else PROMPT_DICT["prompt_no_input"]).format_map(r)
            for r in records
        ]
        targets = [f"{r['output']}{tokenizer.eos_token}" for r in records]
        data = preprocess(sources, targets, tokenizer)
        self.input_ids, self.labels = data["input_ids"], data["labels"]

    def __len__(self):
        return len(self.input_ids)

    def __getitem__(self, i) -> Dict[str, torch.Tensor]:
        return dict(input_ids=self.input_ids[i], labels=self.labels[i])


@dataclass
class DataCollatorForSupervisedDataset:
    tokenizer: transformers.PreTrainedTokenizer

    def __call__(self, instances: Sequence[Dict]) -> Dict[str, torch.Tensor]:
        input_ids = torch.nn.utils.rnn.pad_sequence([i["input_ids"] for i in instances], batch_first=True, padding_value=self.tokenizer.pad_token_id)
        labels = torch.nn.utils.rnn.pad_sequence([i["labels"] for i in instances], batch_first=True, padding_value=IGNORE_INDEX)
        return dict(input_ids=input_ids, labels=labels, attention_mask=input_ids.ne(self.tokenizer.pad_token_id))


def train():
    parser = transformers.HfArgumentParser((ModelArguments, DataArguments, TrainingArguments))
    model_args, data_args, training_args = parser.parse_args_into_dataclasses()

    model = transformers.AutoModelForCausalLM.from_pretrained(model_args.model_name_or_path, cache_dir=training_args.cache_dir)
    tokenizer = transformers.AutoTokenizer.from_pretrained(
        model_args.model_name_or_path,
        cache_dir=training_args.cache_dir,
        model_max_length=training_args.model_max_length,
        padding_side="right",
        use_fast=False,
    )
    if tokenizer.pad_token is None:
        smart_tokenizer_and_embedding_resize(dict(pad_token=DEFAULT_PAD_TOKEN), tokenizer, model)
    if "llama" in model_args.model_name_or_path:
        tokenizer.add_special_tokens({"eos_token": DEFAULT_EOS_TOKEN, "bos_token": DEFAULT_BOS_TOKEN, "unk_token": DEFAULT_UNK_TOKEN})

    train_dataset = SupervisedDataset(tokenizer=tokenizer, data_path=data_args.data_path)
    trainer = Trainer(model=model, tokenizer=tokenizer, args=training_args, train_dataset=train_dataset,
                      eval_dataset=None, data_collator=DataCollatorForSupervisedDataset(tokenizer=tokenizer))
    trainer.train()
    trainer.save_state()
    safe_save_model_for_hf_trainer(trainer=trainer, output_dir=training_args.output_dir)


if __name__ == "__main__":
    train()
