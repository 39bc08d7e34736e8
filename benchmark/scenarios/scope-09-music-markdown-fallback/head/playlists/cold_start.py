def recommend(user):
    if not user.history:
        return []
    return user.history[-10:]
