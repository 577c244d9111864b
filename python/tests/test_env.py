"""The Gymnasium env on the real test cluster: check_env, a random episode, faults, two clusters."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import threading
import time

import gymnasium
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import skstep
from conftest import NO_WEB, REPO, WEB, need_cluster, prep, records, skstep_cli, unique

SHORT = {"deploy": "web", "target": 2, "duration": "5s"}


def shaped(ready: int, pending: int, total: int, t: int) -> float:
    """sim-arena's `shaped`, written out again here to check the env's rewards against."""
    if ready == t and total == t and pending == 0:
        return 1.0
    r = -0.1 * abs(ready - t) - 0.05 * pending
    r -= 0.15 * (total - t) if total > t else 0.08 * (t - total)
    return max(-1.0, min(1.0, r))


def vector(info: dict) -> np.ndarray:
    """sim-arena's observation from the raw values in `info`."""
    return np.array(
        [
            info["cpu_m"] / 4000,
            info["memory_bytes"] / 2**20 / 4096,
            info["pending"] / 5,
            (info["target"] - info["total"]) / 5,
            min(1.0, info["replicas"] / 8),
        ],
        dtype=np.float32,
    )


def test_the_binary_is_the_one_installed_beside_the_interpreter():
    import sysconfig

    assert pathlib.Path(skstep.find_binary()).parent == pathlib.Path(sysconfig.get_path("scripts"))


def test_check_env_and_a_random_episode_match_observe_and_the_formulas(cluster_ns, tmp_path):
    env = gymnasium.make(
        "skstep/SimKube-v0", trace=str(WEB), context="admin", namespace=cluster_ns, reward="shaped",
        runs_dir=str(tmp_path), max_steps=3, **SHORT,
    )
    assert env.action_space == gymnasium.spaces.Discrete(7)
    assert env.observation_space.shape == (5,) and env.observation_space.dtype == np.float32
    assert env.observation_space.low[3] < 0, "(target - total)/5 goes negative"
    check_env(env.unwrapped, skip_render_check=True)
    env.close()

    # A 3-step random-agent episode, each Simulation kept until the next request so `observe` can
    # read it.
    env = gymnasium.make(
        "skstep/SimKube-v0", trace=str(WEB), context="admin", namespace=cluster_ns, reward="shaped",
        runs_dir=str(tmp_path / "episode"), max_steps=3, keep_last=True, **SHORT,
    )
    env.action_space.seed(7)
    obs, info = env.reset(seed=7)
    assert env.observation_space.contains(obs)
    np.testing.assert_array_equal(obs, vector(info))
    seen = []
    for i in range(3):
        action = int(env.action_space.sample())
        obs, reward, terminated, truncated, info = env.step(action)
        # What `kubectl skstep observe` reads of the Simulation this step ran.
        out = skstep_cli("--context", "admin", "observe", "--deploy", "web", "--sim", info["sim_name"], "-o", "json")
        assert out.returncode == 0, out.stderr
        live = json.loads(out.stdout)
        assert (live["ready"], live["pending"], live["total"]) == (info["ready"], info["pending"], info["total"])
        assert env.observation_space.contains(obs)
        np.testing.assert_array_equal(obs, vector(info))
        assert obs[2] == np.float32(live["pending"] / 5) and obs[3] == np.float32((2 - live["total"]) / 5)
        assert reward == pytest.approx(shaped(info["ready"], info["pending"], info["total"], 2), abs=1e-12)
        assert info["action"] == env.unwrapped.action_names[action]
        seen.append((action, reward, info))
        if terminated or truncated:
            break
    assert len(seen) == 3 and truncated, "max_steps=3 truncates at the third step unless the goal ended it"
    env.close()
    recs = records(tmp_path / "episode")
    # reset is the engine's step 0 (the initial simulation) and is recorded like every simulation.
    assert len(recs) == 4, recs
    assert recs[0]["step"] == 0 and recs[0]["action"] is None and recs[0]["outcome"] == "ok"
    for rec, (action, reward, info) in zip(recs[1:], seen):
        assert rec["outcome"] == "ok" and rec["policy"] == "env" and rec["context"] == "admin"
        assert rec["action"]["type"] == env.unwrapped.action_names[action]
        assert rec["reward"] == reward and rec["reward_fn"] == "shaped" and rec["target"] == 2
        assert rec["obs"] == {"ready": info["ready"], "pending": info["pending"], "total": info["total"]}
        assert rec["sim_name"] == info["sim_name"] and rec["episode"] == info["episode"]
    assert [r["step"] for r in recs] == [0, 1, 2, 3]
    assert all(r["fast_start"].startswith("on") for r in recs), [r["fast_start"] for r in recs]
    # Each step simulates the trace its action wrote; the next step starts from it.
    assert recs[2]["trace_in"] == recs[1]["trace_out"] and recs[3]["trace_in"] == recs[2]["trace_out"]
    summary = json.loads((tmp_path / "episode" / "summary.json").read_text())
    assert summary["total_steps"] == 4


def test_a_fault_during_a_step_raises_with_the_cause_and_reset_recovers(cluster_ns, tmp_path):
    trace = tmp_path / "web.msgpack"
    shutil.copy(WEB, trace)
    env = skstep.SimKubeEnv(
        trace=str(trace), context="admin", namespace=cluster_ns, runs_dir=str(tmp_path / "runs"), **SHORT
    )
    try:
        env.reset(seed=1)
        # The trace loses its Deployment between reset and step.
        shutil.copy(NO_WEB, trace)
        with pytest.raises(skstep.SimulationError) as e:
            env.step(3)
        assert 'no Deployment "web"' in e.value.message, e.value
        assert e.value.hint and "trace inspect" in e.value.hint
        assert e.value.exit_code == 1
        recs = records(tmp_path / "runs")
        assert recs[-1]["outcome"] == "failed" and 'no Deployment "web"' in recs[-1]["cause"]
        # Only reset goes on; with the trace back, it does.
        with pytest.raises(skstep.SimulationError, match="call reset"):
            env.step(0)
        shutil.copy(WEB, trace)
        obs, info = env.reset(seed=2)
        assert info["total"] >= 1 and env.observation_space.contains(obs)
    finally:
        env.close()


def test_a_bad_option_is_an_exception_not_a_zero_observation(tmp_path):
    need_cluster()
    with pytest.raises(skstep.SimulationError) as e:
        skstep.SimKubeEnv(trace=str(WEB), context="no-such-context", namespace="x", runs_dir=str(tmp_path), **SHORT)
    assert "no context \"no-such-context\"" in e.value.message


def test_make_vec_refuses_two_envs_on_one_context():
    with pytest.raises(ValueError, match="given twice"):
        skstep.make_vec(contexts=["admin", "admin"], trace=str(WEB), **SHORT)


def test_make_vec_over_two_clusters_and_run_contexts_over_them(second_cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("KUBECONFIG", second_cluster["kubeconfig"])
    ns = unique("pool")
    prep(ns, "admin", os.environ["SKSTEP_NODE_DATA_DIR"])
    prep(ns, second_cluster["context"], second_cluster["node_dir"])
    contexts = ["admin", second_cluster["context"]]

    # Target 9 cannot be reached from 2 replicas in 3 steps: no episode ends before the third step,
    # so no sub-env autoresets in place of a step; each of the 2 resets and 6 steps is one record.
    vec = skstep.make_vec(
        contexts=contexts, trace=str(WEB), namespace=ns, runs_dir=str(tmp_path / "vec"), max_steps=3,
        **{**SHORT, "target": 9},
    )
    try:
        vec.action_space.seed(3)
        obs, infos = vec.reset(seed=3)
        assert obs.shape == (2, 5)
        for _ in range(3):
            obs, rewards, terminated, truncated, infos = vec.step(vec.action_space.sample())
            assert obs.shape == (2, 5) and rewards.shape == (2,) and not terminated.any()
        assert truncated.all(), "max_steps=3"
        assert sorted(infos["context"]) == sorted(contexts)
    finally:
        vec.close()
    recs = records(tmp_path / "vec")
    assert len(recs) == 8 and all(r["outcome"] == "ok" for r in recs), recs
    assert sorted({r["context"] for r in recs}) == sorted(contexts)

    runs = tmp_path / "pool"
    out = skstep_cli(
        "run", "--contexts", ",".join(contexts), "--episodes", "4", "--steps", "2", "--ns", ns, "--trace", str(WEB),
        "--deploy", "web", "--target", "2", "--duration", "5s", "--policy", "random", "--reward", "cost_aware_v2",
        "--runs-dir", str(runs),
    )
    assert out.returncode == 0, out.stderr[-4000:]
    recs = records(runs)
    assert len(recs) == 8 and all(r["outcome"] == "ok" for r in recs), recs
    assert sorted({r["context"] for r in recs}) == sorted(contexts)
    episodes = {r["episode"] for r in recs}
    assert len(episodes) == 4
    for ep in episodes:
        steps = [r for r in recs if r["episode"] == ep]
        # --steps 2: the initial simulation and one after the action.
        assert [r["step"] for r in sorted(steps, key=lambda r: r["step"])] == [0, 1]
        assert len({r["context"] for r in steps}) == 1, "an episode stays on its cluster"
    summary = json.loads((runs / "summary.json").read_text())
    assert summary["total_steps"] == 8
    assert summary["total_rewards"] == pytest.approx(sum(r["reward"] for r in recs), abs=1e-9)

    svg = tmp_path / "report.svg"
    out = skstep_cli("report", "--runs-dir", str(runs), "-o", str(svg))
    assert out.returncode == 0, out.stderr
    assert "episodes: 4" in out.stdout and "steps: 8" in out.stdout, out.stdout
    text = svg.read_text()
    assert text.startswith("<svg") and text.count("<polyline") > 10


def test_the_api_server_stopped_during_a_step_raises_and_reset_recovers(second_cluster, tmp_path, monkeypatch):
    """Runs on the second cluster (after the pool test): its API server is stopped for 30 s just
    before a step, longer than the step's api_timeout (5 s). An outage during a step's waits is
    ridden out by design (they re-watch within the phase's limit); this one is not."""
    monkeypatch.setenv("KUBECONFIG", second_cluster["kubeconfig"])
    ns = unique("apidown")
    prep(ns, second_cluster["context"], second_cluster["node_dir"])
    env = skstep.SimKubeEnv(
        trace=str(WEB), context=second_cluster["context"], namespace=ns, runs_dir=str(tmp_path), api_timeout="5s",
        **SHORT,
    )
    restart = None
    try:
        env.reset(seed=1)

        def stop_api_server():
            subprocess.run(
                [str(REPO / "scripts" / "testcluster"), "restart", "kube-apiserver", "--down-for", "30",
                 "--state-dir", second_cluster["state"]],
                check=True, capture_output=True,
            )

        restart = threading.Thread(target=stop_api_server)
        restart.start()
        time.sleep(3)  # `restart` stops the API server at once, then sleeps 30 s
        with pytest.raises(skstep.SimulationError) as e:
            env.step(0)
        assert e.value.exit_code == 3, e.value
        assert "cluster unreachable" in e.value.message, e.value
        restart.join()
        recs = records(tmp_path)
        assert recs[-1]["outcome"] == "failed" and "cluster unreachable" in recs[-1]["cause"], recs[-1]
        # The API server is back: the env resets and steps again.
        obs, info = env.reset(seed=2)
        assert env.observation_space.contains(obs) and info["total"] >= 1
    finally:
        if restart is not None:
            restart.join()
        env.close()
