class SimpleTokenizer:
    """Trimmed stand-in for CLIP's byte-level BPE tokenizer (bpe_simple_vocab_16e6.txt.gz upstream)."""

    def __init__(self):
        self.encoder = {"<|startoftext|>": 49406, "<|endoftext|>": 49407}

    def encode(self, text: str):
        raise NotImplementedError("trimmed")
