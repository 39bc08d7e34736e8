"""
This is a boilerplate test file
generated using Kedro {{ cookiecutter.kedro_version }}.
Please add your pipeline tests here.

Kedro recommends using `pytest` framework, more info about it can be found
in the official documentation:
https://docs.pytest.org/en/latest/getting-started.html
"""
