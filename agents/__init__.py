"""The scoped agents: each small, each owning one comparison between intent and what ships."""

from __future__ import annotations

from importlib import import_module

from custody.agents.base import Agent
from custody.reviewer.model.agent_result import AgentResult

AGENT_MODULES = ("scope", "card", "design", "promotion", "hygiene")


def all_agents() -> list[Agent]:
    """One instance of every agent, in a stable order."""
    return [import_module(f"custody.agents.{name}").AGENT for name in AGENT_MODULES]


__all__ = ["AGENT_MODULES", "Agent", "AgentResult", "all_agents"]
