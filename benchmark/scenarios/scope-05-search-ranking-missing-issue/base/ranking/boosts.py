BOOSTS = {'title': 2.0}
