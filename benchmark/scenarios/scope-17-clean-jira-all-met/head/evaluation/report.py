def report(results):
    return {'coverage': results['coverage'], 'coverage_by_genre': results['by_genre']}
