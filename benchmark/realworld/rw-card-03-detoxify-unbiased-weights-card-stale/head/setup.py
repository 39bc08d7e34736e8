from setuptools import find_packages, setup

setup(
    name="detoxify",
    version="0.3.0",
    description="A python library for detecting toxic comments",
    author="Unitary",
    author_email="laura@unitary.ai",
    url="https://github.com/unitaryai/detoxify",
    license="Apache License 2.0",
    packages=find_packages(include=["detoxify"]),
    install_requires=["transformers", "torch>=1.7.0", "sentencepiece>=0.1.94"],
)
