import transformers


def get_model_and_tokenizer(model_type, model_name, tokenizer_name, num_classes, state_dict=None):
    model = getattr(transformers, model_name).from_pretrained(model_type, num_labels=num_classes, state_dict=state_dict)
    tokenizer = getattr(transformers, tokenizer_name).from_pretrained(model_type)
    return model, tokenizer
