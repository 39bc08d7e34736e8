def calibrate(p):
    return p
