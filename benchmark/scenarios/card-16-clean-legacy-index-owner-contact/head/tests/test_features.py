"""Feature tests."""


def test_frame_rate() -> None:
    assert 16000 // 160 == 100


def test_hop() -> None:
    assert 16000 // 100 == 160
