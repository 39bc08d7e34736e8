REASONS = {'R1': 'Your application did not meet our current lending criteria'}
