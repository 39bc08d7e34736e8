def report(results):
    return {'coverage': results['coverage']}
