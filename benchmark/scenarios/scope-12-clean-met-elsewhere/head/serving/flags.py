FLAGS = {}
