"""``skstep.bench.evaluate`` on the real test cluster: a Python policy scored by the Rust bench
(``bench --agent stdio``) on a one-scenario suite; a ``predict`` object as Stable-Baselines3's."""

from __future__ import annotations

import json
import os

import numpy as np

import skstep.bench
from conftest import need_cluster, prep, unique

SCALE_UP = 3  # sim-arena's index of scale_up_replicas


def _suite(tmp_path) -> str:
    d = tmp_path / "suite"
    d.mkdir()
    (d / "one-up.json").write_text(json.dumps({
        "id": "one-up", "description": "one scale-up", "tier": "medium", "problem": "replica_scaling",
        "profile": os.environ.get("SKSTEP_TESTCLUSTER_PROFILE", "default"),
        "trace": {"new": {"replicas": 1, "cpu": "250m", "memory": "256Mi", "image": "ghcr.io/example/web:1.0"}},
        "target": {"deploy": "web", "namespace": "default", "replicas": 2},
        "budget": 2, "reference": ["scale_up_replicas"], "reference_steps": 1, "sim": {"duration": "5s"},
    }))
    return str(d)


def test_a_callable_and_a_predict_model_are_scored_by_the_rust_bench(tmp_path):
    need_cluster()
    ctx = os.environ.get("SKSTEP_BENCH_CONTEXT", "admin")
    ns = unique("pybench")
    prep(ns, ctx, os.environ["SKSTEP_NODE_DATA_DIR"])
    suite = _suite(tmp_path)
    seen = []

    def policy(obs, info):
        seen.append((obs, info))
        return SCALE_UP if info["total"] < info["target"] else 0

    doc = skstep.bench.evaluate(policy, suite=suite, contexts=[ctx], namespace=ns, output=str(tmp_path / "a.json"))
    assert doc["schema"] == "skstep.bench/v1" and doc["agent"] == "stdio"
    assert doc["overall"]["pass_at_1"] == 1.0 and doc["overall"]["efficiency"] == 1.0, doc
    obs, info = seen[0]
    assert obs.shape == (5,) and obs.dtype == np.float32 and info["total"] == 1 and info["target"] == 2

    class Model:  # Stable-Baselines3's predict: (action, state)
        def predict(self, obs, state=None, episode_start=None, deterministic=False):
            return np.array(0), None

    doc = skstep.bench.evaluate(Model(), suite=suite, contexts=[ctx], namespace=ns, output=str(tmp_path / "b.json"))
    assert doc["overall"]["pass_at_1"] == 0.0 and doc["runs"][0]["actions"] == 2, doc
