REASONS = {'R1': 'score too low'}
