CAP = 2.5
