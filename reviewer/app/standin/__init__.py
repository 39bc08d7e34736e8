"""A loopback GitHub stand-in, built from real recorded responses, that records every write."""

from custody.reviewer.app.standin.server import StandIn, run_standin
from custody.reviewer.app.standin.world import World

__all__ = ["StandIn", "World", "run_standin"]
