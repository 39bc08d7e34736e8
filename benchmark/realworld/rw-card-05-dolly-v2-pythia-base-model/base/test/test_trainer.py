from training.consts import END_KEY, RESPONSE_KEY_NL
from training.trainer import load_tokenizer


def test_tokenizer_knows_prompt_keys():
    tokenizer = load_tokenizer()
    for key in (END_KEY, RESPONSE_KEY_NL):
        assert len(tokenizer.encode(key)) == 1
