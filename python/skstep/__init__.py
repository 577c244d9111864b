"""Gymnasium environment for SimKube, driven by ``kubectl-skstep env --stdio``.

The semantics (actions, safeguards, observation vector and its bounds, rewards, termination,
records) live in the Rust binary; this package starts it, speaks its one-JSON-line protocol and
turns its answers into Gymnasium's types and its errors into :class:`SimulationError`.

``import skstep`` registers ``skstep/SimKube-v0``::

    import gymnasium, skstep
    env = gymnasium.make("skstep/SimKube-v0", trace="web.msgpack", deploy="web", target=2,
                         context="admin", namespace="lab", duration="10s")
"""

from ._binary import find_binary
from .env import SimKubeEnv, SimulationError, make_vec
from . import bench

__all__ = ["SimKubeEnv", "SimulationError", "bench", "find_binary", "make_vec"]

ENV_ID = "skstep/SimKube-v0"


def _register() -> None:
    import gymnasium

    if ENV_ID not in gymnasium.registry:
        # A real cluster: pod timings, Simulation names and timings differ between runs of the
        # same seed and actions, so the env declares itself nondeterministic (as it is).
        gymnasium.register(id=ENV_ID, entry_point="skstep.env:SimKubeEnv", nondeterministic=True)


_register()
