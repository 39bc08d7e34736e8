"""The only code that speaks to GitHub (PyGithub): auth, reading a PR, publishing, commands."""
