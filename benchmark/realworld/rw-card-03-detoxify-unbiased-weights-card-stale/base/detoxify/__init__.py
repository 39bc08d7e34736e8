from .detoxify import Detoxify, multilingual_toxic_xlm_r, toxic_bert, toxic_albert, unbiased_albert, unbiased_toxic_roberta
