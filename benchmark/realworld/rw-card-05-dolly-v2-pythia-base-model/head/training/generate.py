import logging
from typing import Tuple

import numpy as np
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizer

from .consts import END_KEY, PROMPT_FOR_GENERATION_FORMAT as PROMPT_FORMAT, RESPONSE_KEY_NL

logger = logging.getLogger(__name__)


def load_model_tokenizer_for_generate(pretrained_model_name_or_path: str) -> Tuple[PreTrainedModel, PreTrainedTokenizer]:
    tokenizer = AutoTokenizer.from_pretrained(pretrained_model_name_or_path, padding_side="left")
    model = AutoModelForCausalLM.from_pretrained(pretrained_model_name_or_path, device_map="auto", trust_remote_code=True)
    return model, tokenizer


def generate_response(instruction: str, *, model, tokenizer, do_sample=True, max_new_tokens=256, top_p=0.92, top_k=0, **kwargs) -> str:
    input_ids = tokenizer(PROMPT_FORMAT.format(instruction=instruction), return_tensors="pt").input_ids.to("cuda")
    response_key_token_id = tokenizer.encode(RESPONSE_KEY_NL)[0]
    end_key_token_id = tokenizer.encode(END_KEY)[0]
    gen_tokens = model.generate(input_ids, pad_token_id=tokenizer.pad_token_id, eos_token_id=end_key_token_id,
                                do_sample=do_sample, max_new_tokens=max_new_tokens, top_p=top_p, top_k=top_k, **kwargs)[0].cpu()
    response_positions = np.where(gen_tokens == response_key_token_id)[0]
    if len(response_positions) == 0:
        logger.warning(f"Could not find response key {response_key_token_id} in: {gen_tokens}")
        return ""
    end_positions = np.where(gen_tokens == end_key_token_id)[0]
    end = end_positions[0] if len(end_positions) else None
    return tokenizer.decode(gen_tokens[response_positions[0] + 1 : end]).strip()
