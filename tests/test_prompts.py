"""Every agent has its prompt template under prompts/, versioned, with untrusted data delimited."""

from __future__ import annotations

from importlib import resources

import yaml
from custody.agents import AGENT_MODULES


def test_each_agent_has_a_versioned_prompt() -> None:
    folder = resources.files("custody.prompts")
    for agent in AGENT_MODULES:
        text = folder.joinpath(f"{agent}.md").read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---")[1])
        assert front["agent"] == agent and int(front["version"]) >= 1
        assert "<untrusted" in text and "</untrusted>" in text
