"""Fine-tune distilbert-base-uncased for NER on conll2003 with the Trainer."""
import mlflow
from datasets import load_dataset
from transformers import (AutoModelForTokenClassification, AutoTokenizer,
                          DataCollatorForTokenClassification, Trainer, TrainingArguments)

MODEL = "distilbert-base-uncased"
raw = load_dataset("conll2003")
labels = raw["train"].features["ner_tags"].feature.names
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForTokenClassification.from_pretrained(MODEL, num_labels=len(labels))

args = TrainingArguments(
    "distilbert-base-uncased-finetuned-ner",
    evaluation_strategy="epoch",
    learning_rate=2e-5,
    per_device_train_batch_size=16,
    per_device_eval_batch_size=16,
    num_train_epochs=3,
    weight_decay=0.01,
    seed=42,
    report_to=["mlflow"],
)
