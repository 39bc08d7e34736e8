def report(results):
    return {'ndcg_at_10': results['ndcg']}
