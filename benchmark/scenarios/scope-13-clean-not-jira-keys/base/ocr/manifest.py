def read(path):
    return open(path, 'rb').read()
