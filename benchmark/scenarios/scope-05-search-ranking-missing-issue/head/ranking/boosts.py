BOOSTS = {'title': 2.0, 'freshness': 1.3}
