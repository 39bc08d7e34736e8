CAP = None
