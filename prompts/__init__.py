"""Prompt templates, one file per agent and task, each versioned in its front matter."""
