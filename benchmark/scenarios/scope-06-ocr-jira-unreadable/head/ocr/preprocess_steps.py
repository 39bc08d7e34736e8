STEPS = ['deskew', 'binarize']
