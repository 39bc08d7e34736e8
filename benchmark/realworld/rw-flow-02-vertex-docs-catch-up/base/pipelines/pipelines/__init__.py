"""Shared helpers for the pipeline definitions."""
import pathlib

from jinja2 import Template


def generate_query(template_path: pathlib.Path, **replacements: str) -> str:
    """Render a Jinja-templated SQL file with the given values."""
    return Template(pathlib.Path(template_path).read_text()).render(**replacements)
