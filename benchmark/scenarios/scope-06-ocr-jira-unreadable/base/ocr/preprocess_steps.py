STEPS = ['binarize']
