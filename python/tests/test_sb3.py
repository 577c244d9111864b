"""Stable-Baselines3 on the env, on the real test cluster: SB3's own checker, and a 20-step DQN
`learn()` with the sim-arena preset over two clusters. Skipped (and said so) where SB3 is not
installed (`pip install .[sb3]`; .ci/run installs it)."""

from __future__ import annotations

import os

import numpy as np
import pytest

pytest.importorskip("stable_baselines3", reason="Stable-Baselines3 not installed: pip install .[sb3]")

import torch  # noqa: E402
from stable_baselines3 import DQN  # noqa: E402
from stable_baselines3.common.vec_env import SubprocVecEnv  # noqa: E402

import skstep  # noqa: E402
from conftest import WEB, prep, records, unique  # noqa: E402
from skstep import sb3  # noqa: E402

SHORT = {"deploy": "web", "target": 2, "duration": "5s"}


def test_eps_follows_sim_arenas_line():
    assert sb3.eps_at(0) == 1.0
    assert sb3.eps_at(500) == pytest.approx(0.55)
    assert sb3.eps_at(1000) == sb3.eps_at(5000) == pytest.approx(0.1)
    # A 20-step budget: SB3's fraction cannot exceed 1, so the line is cut at the budget.
    p = sb3.dqn_preset(total_timesteps=20)
    assert (p["exploration_fraction"], p["exploration_final_eps"]) == (1.0, pytest.approx(0.982))
    p = sb3.dqn_preset(total_timesteps=4000)
    assert (p["exploration_fraction"], p["exploration_final_eps"]) == (0.25, pytest.approx(0.1))


def test_make_vec_env_refuses_two_envs_on_one_context():
    with pytest.raises(ValueError, match="given twice"):
        sb3.make_vec_env(contexts=["admin", "admin"], trace=str(WEB), **SHORT)
    with pytest.raises(ValueError, match="at least one context"):
        sb3.make_vec_env(contexts=[], trace=str(WEB), **SHORT)


def test_sb3_check_env_passes(cluster_ns, tmp_path):
    # The checker resets the same trace again and again: the transition cache answers the
    # repeats (without it this test took 217 s here).
    env = skstep.SimKubeEnv(
        trace=str(WEB), context="admin", namespace=cluster_ns, runs_dir=str(tmp_path), max_steps=3,
        cache=str(tmp_path / "cache"), **SHORT,
    )
    resets = []
    real_reset = env.reset

    def counting_reset(**kw):
        obs, info = real_reset(**kw)
        resets.append(info)
        return obs, info

    env.reset = counting_reset
    try:
        sb3.check_env(env)
    finally:
        env.close()
    recs = records(tmp_path)
    assert recs and all(r["outcome"] == "ok" for r in recs), recs
    # The first reset is a real simulation; its repeats come from the cache, with its values.
    assert len(resets) >= 2 and not resets[0]["cached"] and resets[0]["sim_name"]
    assert all(r["cached"] for r in resets[1:]), [r["cached"] for r in resets]
    assert all((r["ready"], r["pending"], r["total"]) == (resets[0]["ready"], resets[0]["pending"], resets[0]["total"])
               for r in resets)


def test_dqn_preset_learns_20_steps_over_two_clusters(second_cluster, tmp_path, monkeypatch):
    # The SubprocVecEnv's workers inherit the merged kubeconfig (contexts admin and c2-admin).
    monkeypatch.setenv("KUBECONFIG", second_cluster["kubeconfig"])
    ns = unique("sb3")
    prep(ns, "admin", os.environ["SKSTEP_NODE_DATA_DIR"])
    prep(ns, second_cluster["context"], second_cluster["node_dir"])
    contexts = ["admin", second_cluster["context"]]
    runs = tmp_path / "runs"
    # Target 9 is out of reach in 10 steps from 2 replicas: no episode ends early, each env
    # takes exactly 10 steps (one truncation at the end), so the step records are exactly 20.
    vec = sb3.make_vec_env(
        contexts=contexts, trace=str(WEB), namespace=ns, runs_dir=str(runs), max_steps=10,
        **{**SHORT, "target": 9},
    )
    assert isinstance(vec, SubprocVecEnv) and vec.num_envs == 2
    try:
        # learning_starts is the one change from the preset: at 32 (sim-arena's) a 20-step run
        # would make no update at all.
        model = DQN(env=vec, seed=1, **sb3.dqn_preset(total_timesteps=20, n_envs=2, learning_starts=4))
        target_before = [p.detach().clone() for p in model.q_net_target.parameters()]
        # log_interval=1: SB3 logs each finished episode from info["episode"] (a dict it reads
        # from every step's info), so a clash with the env's own info keys fails here.
        model.learn(total_timesteps=20, log_interval=1)
    finally:
        vec.close()

    # The preset as SB3 built it: 5 -> 24 -> 48 -> 7 with ReLU, RMSprop at 1e-3, gamma 0.97.
    layers = [m for m in model.q_net.q_net if isinstance(m, torch.nn.Linear)]
    assert [(m.in_features, m.out_features) for m in layers] == [(5, 24), (24, 48), (48, 7)]
    assert isinstance(model.policy.optimizer, torch.optim.RMSprop)
    assert model.policy.optimizer.param_groups[0]["lr"] == pytest.approx(1e-3)
    assert model.gamma == 0.97 and model.batch_size == 32 and model.buffer_size == 2000
    assert model.num_timesteps == 20
    # 10 steps of the 2 envs; training from num_timesteps > 4, i.e. the 3rd to the 10th: 8 steps
    # x 4 updates per transition x 2 transitions.
    assert model._n_updates == 8 * 4 * 2, model._n_updates
    # The target network is copied every 50 transitions: not yet after 20, so it still holds
    # its initial weights while the online network has moved.
    for before, now, online in zip(target_before, model.q_net_target.parameters(), model.q_net.parameters()):
        assert torch.equal(before, now)
    assert any(not torch.equal(t, o) for t, o in zip(model.q_net_target.parameters(), model.q_net.parameters()))
    assert model.exploration_rate == pytest.approx(0.982, abs=1e-6)
    assert model.replay_buffer.size() == 10

    # Every simulation is a record; reset's are step 0 (the initial trace), the 20 actions' steps 1..10.
    every = records(runs)
    assert all(r["outcome"] == "ok" for r in every), [r.get("cause") for r in every]
    recs = [r for r in every if r["step"] > 0]
    assert len(recs) == 20, [(r["context"], r["step"]) for r in every]
    assert sorted(r["context"] for r in recs) == sorted(contexts * 10)
    # What the agent learned from is what was simulated: the replay buffer's observations after
    # each step are the records' (pending and target - total, the two the cluster decides).
    stored = model.replay_buffer.next_observations[:10].reshape(-1, 5)
    seen = sorted((round(float(o[2]) * 5), round(float(o[3]) * 5)) for o in stored)
    from_records = sorted((r["obs"]["pending"], 9 - r["obs"]["total"]) for r in recs)
    assert seen == from_records
    assert np.isfinite(stored).all()
