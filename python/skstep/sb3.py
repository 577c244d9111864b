"""Stable-Baselines3 on kubectl-skstep (``pip install .[sb3]``).

Thin on purpose: the env's semantics (actions, observation, rewards, records, the transition
cache) stay in the Rust binary; this module only builds SB3's vectorised env over a pool of
clusters and gives hyperparameters that make sense when one step costs seconds, not microseconds.

::

    from stable_baselines3 import DQN
    from skstep import sb3
    vec = sb3.make_vec_env(contexts=["a-admin", "b-admin"], trace="web.msgpack", deploy="web",
                           target=2, namespace="lab", duration="10s", cache="~/.cache/skstep-tx")
    model = DQN(env=vec, **sb3.dqn_preset(total_timesteps=2000, n_envs=vec.num_envs))
    model.learn(total_timesteps=2000)

SB3's defaults assume a cheap env: DQN waits ``learning_starts=100`` steps before its first
update and syncs its target network every 10,000 steps; PPO collects ``n_steps=2048`` per env
before its first update. At about 10 s a step that is hours of simulation before anything is
learned, hence the presets.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import gymnasium

from .env import SimKubeEnv, check_contexts

try:
    import torch
    from stable_baselines3.common.env_checker import check_env as _sb3_check_env
    from stable_baselines3.common.monitor import Monitor
    from stable_baselines3.common.vec_env import SubprocVecEnv
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError(
        f"skstep.sb3 needs Stable-Baselines3 and PyTorch ({e}): install them with `pip install .[sb3]` "
        "from the kubectl-skstep repository (PyTorch's Linux wheels are large: see the README)"
    ) from e

__all__ = ["check_env", "dqn_preset", "eps_at", "make_vec_env", "ppo_preset", "SIM_ARENA_DQN"]

#: sim-arena's DQN (agent/dqn.py of github bobg0/sim-arena), the numbers the presets map.
SIM_ARENA_DQN = {
    "hidden": (24, 48),  # 5 inputs -> 24 -> 48 -> 7 actions, ReLU between
    "learning_rate": 1e-3,  # RMSprop
    "gamma": 0.97,
    "eps_start": 1.0,
    "eps_end": 0.1,
    "eps_decay_steps": 1000,  # linear, per transition
    "buffer": 2000,
    "batch": 32,
    "target_sync": 50,  # transitions between hard copies to the target network
    "updates_per_step": 4,
}


def make_vec_env(contexts: Sequence[str], *, start_method: Optional[str] = None, monitor: bool = True,
                 **env_options: Any) -> SubprocVecEnv:
    """SB3's ``SubprocVecEnv`` with one :class:`~skstep.SimKubeEnv` per kubeconfig context.

    SB3 steps its own vectorised envs (it does not take Gymnasium's ``AsyncVectorEnv``, which
    :func:`skstep.make_vec` returns). SimKube runs one Simulation per cluster at a time, so a
    context given twice is refused, as :func:`skstep.make_vec` refuses it. ``env_options`` are
    :class:`~skstep.SimKubeEnv`'s (``trace``, ``deploy``, ``target``, or ``scenario``, or
    ``suite`` and ``split`` to draw a scenario at each reset; ``namespace``, ``duration``,
    ``cache``, ``cache_verify``, …). Env ``i`` gets ``seed + i`` (``seed`` default 0) as its
    default seed, so the envs of a suite draw different scenarios unless SB3 seeds them (a
    model's ``seed=`` does: SB3 then resets env ``i`` with ``seed + i``). Each env is wrapped in SB3's ``Monitor`` (episode returns
    and lengths in ``info["episode"]``, which SB3's logger reads; the env's own episode id is then
    ``info["episode_id"]``) unless ``monitor=False``.
    """
    contexts = check_contexts(contexts, env_options, "make_vec_env")
    seed = env_options.pop("seed", None) or 0

    def make(context: str, i: int):
        def thunk():
            env = _EpisodeKey(SimKubeEnv(context=context, seed=seed + i, **env_options))
            return Monitor(env) if monitor else env

        return thunk

    return SubprocVecEnv([make(c, i) for i, c in enumerate(contexts)], start_method=start_method)


class _EpisodeKey(gymnasium.Wrapper):
    """SB3 reads ``info["episode"]`` of every step as Monitor's episode summary (``{"r", "l",
    "t"}``); the env's ``info["episode"]`` is its episode id, so it is passed on as
    ``info["episode_id"]``."""

    def reset(self, **kwargs):
        obs, info = self.env.reset(**kwargs)
        return obs, _rename(info)

    def step(self, action):
        obs, reward, terminated, truncated, info = self.env.step(action)
        return obs, reward, terminated, truncated, _rename(info)


def _rename(info: dict) -> dict:
    if "episode" in info:
        info = dict(info)
        info["episode_id"] = info.pop("episode")
    return info


def check_env(env, warn: bool = True) -> None:
    """SB3's own ``check_env`` on a :class:`~skstep.SimKubeEnv` (it simulates a reset and steps).
    The env renders nothing, so the render check is skipped."""
    _sb3_check_env(env, warn=warn, skip_render_check=True)


def dqn_preset(total_timesteps: int, n_envs: int = 1, **overrides: Any) -> dict:
    """Keyword arguments for ``stable_baselines3.DQN`` that reproduce sim-arena's DQN on SB3.

    ``total_timesteps`` is the budget you will pass to ``learn()`` (SB3 schedules epsilon as a
    fraction of it); ``n_envs`` the number of envs of the vectorised env (SB3 counts a step of
    the vectorised env as ``n_envs`` transitions). Each mapping, from sim-arena to SB3:

    - network 5→24→48→7 with ReLU, RMSprop: ``policy_kwargs=dict(net_arch=[24, 48],
      activation_fn=torch.nn.ReLU, optimizer_class=torch.optim.RMSprop)`` (SB3 builds the 5
      inputs and 7 outputs from the spaces; RMSprop with PyTorch's defaults, as sim-arena's);
    - lr 1e-3: ``learning_rate=1e-3``; γ 0.97: ``gamma=0.97``;
    - ε 1.0→0.1 linearly over 1,000 transitions: ``exploration_initial_eps=1.0``,
      ``exploration_final_eps=0.1``, ``exploration_fraction=1000 / total_timesteps`` (SB3's
      schedule is linear in ``num_timesteps``, which counts transitions). A fraction cannot
      exceed 1, so for a budget T under 1,000 the fraction is 1 and the final ε is where
      sim-arena's line is at T, ``1 - 0.9 * T / 1000``: the same slope, cut at the budget;
    - replay buffer 2,000: ``buffer_size=2000``; batch 32: ``batch_size=32``;
    - target network copied every 50 transitions: ``target_update_interval=50`` and
      ``tau=1.0`` (a hard copy; SB3 divides the interval by ``n_envs`` itself, so it stays 50
      transitions over a pool);
    - 4 gradient updates per transition: ``train_freq=(1, "step")`` and
      ``gradient_steps=4 * n_envs`` (one SB3 "step" is one step of every env, ``n_envs``
      transitions);
    - learning starts once the buffer holds a batch (sim-arena trains from ``len(memory) >=
      32``): ``learning_starts=32``;
    - no gradient clipping in sim-arena: ``max_grad_norm=inf`` (SB3's default is 10).

    What SB3 cannot take as a parameter: its DQN's loss is the smooth L1 (Huber) loss,
    sim-arena's the mean squared error. ``overrides`` replace any key (e.g. ``learning_starts``
    for a short test).
    """
    if total_timesteps < 1 or n_envs < 1:
        raise ValueError(f"total_timesteps ({total_timesteps}) and n_envs ({n_envs}) must be at least 1")
    a = SIM_ARENA_DQN
    kwargs = dict(
        policy="MlpPolicy",
        policy_kwargs=dict(
            net_arch=list(a["hidden"]), activation_fn=torch.nn.ReLU, optimizer_class=torch.optim.RMSprop
        ),
        learning_rate=a["learning_rate"],
        gamma=a["gamma"],
        exploration_initial_eps=a["eps_start"],
        exploration_final_eps=eps_at(min(total_timesteps, a["eps_decay_steps"])),
        exploration_fraction=min(1.0, a["eps_decay_steps"] / total_timesteps),
        buffer_size=a["buffer"],
        batch_size=a["batch"],
        target_update_interval=a["target_sync"],
        tau=1.0,
        train_freq=(1, "step"),
        gradient_steps=a["updates_per_step"] * n_envs,
        learning_starts=a["batch"],
        max_grad_norm=math.inf,
    )
    kwargs.update(overrides)
    return kwargs


def eps_at(step: int) -> float:
    """sim-arena's ε after ``step`` transitions: 1.0 down to 0.1 linearly over 1,000, then 0.1."""
    a = SIM_ARENA_DQN
    if step >= a["eps_decay_steps"]:
        return a["eps_end"]
    return a["eps_start"] - (a["eps_start"] - a["eps_end"]) * step / a["eps_decay_steps"]


def ppo_preset(n_envs: int = 1, **overrides: Any) -> dict:
    """Keyword arguments for ``stable_baselines3.PPO`` with small rollouts for a slow env.

    SB3's default collects ``n_steps=2048`` transitions per env before the first update (hours
    here). This preset updates every 16 steps per env (``n_steps=16``: 16 × ``n_envs``
    transitions per rollout), in minibatches of 16 over 4 epochs, with sim-arena's network
    (``net_arch=dict(pi=[24, 48], vf=[24, 48])``) and γ 0.97; GAE λ 0.95 and a small entropy
    bonus (0.01) keep it exploring over so few samples. ``batch_size`` must divide
    ``16 * n_envs`` (SB3 warns otherwise); ``overrides`` replace any key.
    """
    if n_envs < 1:
        raise ValueError(f"n_envs ({n_envs}) must be at least 1")
    kwargs = dict(
        policy="MlpPolicy",
        policy_kwargs=dict(net_arch=dict(pi=[24, 48], vf=[24, 48]), activation_fn=torch.nn.ReLU),
        n_steps=16,
        batch_size=16,
        n_epochs=4,
        learning_rate=3e-4,
        gamma=SIM_ARENA_DQN["gamma"],
        gae_lambda=0.95,
        ent_coef=0.01,
    )
    kwargs.update(overrides)
    return kwargs
