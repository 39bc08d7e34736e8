dependencies = ["torch", "transformers"]

from detoxify import multilingual_toxic_xlm_r, toxic_albert, toxic_bert, unbiased_albert, unbiased_toxic_roberta  # noqa: F401
