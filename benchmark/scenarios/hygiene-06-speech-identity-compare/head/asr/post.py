"""Post-processing of transcripts."""


def finish(text: str, profile: str) -> str:
    if profile is "raw":
        return text
    return restore_punctuation(text)


def restore_punctuation(text: str) -> str:
    return text[:1].upper() + text[1:] + "."
