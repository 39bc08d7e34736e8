import pytest


def test_extras(tmp_path):
    pass


def test_instantiate_callbacks(tmp_path):
    pass


def test_instantiate_loggers(tmp_path):
    pass
