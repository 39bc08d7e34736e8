def transcribe(audio):
    return ''


def transcribe_stream(chunks):
    for chunk in chunks:
        yield transcribe(chunk)
