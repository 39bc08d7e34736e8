from sklearn.isotonic import IsotonicRegression


def calibrate(p, fitted: IsotonicRegression):
    return fitted.predict(p)
