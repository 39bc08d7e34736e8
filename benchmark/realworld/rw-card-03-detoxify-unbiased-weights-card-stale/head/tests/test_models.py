from detoxify import Detoxify

CLASSES = ["toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"]


def test_original():
    model = Detoxify("original")
    results = model.predict(["shut up, you liar", "have a nice day"])
    assert set(CLASSES).issubset(results)
    assert results["toxicity"][0] > 0.5
    assert results["toxicity"][1] < 0.5


def test_unbiased():
    model = Detoxify("unbiased")
    results = model.predict("shut up, you liar")
    assert results["toxicity"] > 0.5
    assert "sexual_explicit" in results


def test_multilingual():
    model = Detoxify("multilingual")
    results = model.predict("tais-toi, menteur")
    assert results["toxicity"] > 0.5
