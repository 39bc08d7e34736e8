"""Feature tests."""


def test_frame_rate() -> None:
    assert 16000 // 160 == 100
