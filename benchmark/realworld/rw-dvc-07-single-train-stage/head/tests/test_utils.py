from pyro_train.utils import md5_dir


def test_md5_dir_is_stable(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    assert md5_dir(tmp_path) == md5_dir(tmp_path)
