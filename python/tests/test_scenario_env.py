"""Scenario options of the env and of SB3's vectorised env, on the real test cluster: a suite's
split drawn at each reset from the env's seed (the same seed, the same scenarios), a scenario's
goal and budget, its profile checked against the cluster, and bad combinations refused.

The scenarios share one trace, so after the first simulation the transition cache answers the
resets (every one is still a step 0 record): the test stays short (about 1 min here)."""

from __future__ import annotations

import json
import pathlib

import pytest

import skstep
from conftest import WEB, records

SUITE = {
    # id: (split, target, budget)
    "two": ("train", 2, 2),
    "three": ("train", 3, 3),
    "four": ("test", 4, 2),
}


def scenario(dir: pathlib.Path, id: str, split: str, target: int, budget: int, profile: str = "default") -> pathlib.Path:
    doc = {
        "id": id,
        "description": f"web from 2 replicas to {target}",
        "tier": "low",
        "problem": "replica_scaling",
        "profile": profile,
        "trace": {"file": str(WEB)},
        "target": {"deploy": "web", "namespace": "default", "replicas": target},
        "budget": budget,
        "reference": ["scale_up_replicas"] * (target - 2),
        "reference_steps": target - 2,
        "sim": {"duration": "5s"},
        "split": split,
    }
    f = dir / f"{id}.json"
    f.write_text(json.dumps(doc))
    return f


@pytest.fixture
def suite(tmp_path) -> pathlib.Path:
    d = tmp_path / "suite"
    d.mkdir()
    for id, (split, target, budget) in SUITE.items():
        scenario(d, id, split, target, budget)
    return d


def draws(env: skstep.SimKubeEnv, seed: int, n: int) -> list[dict]:
    """n resets, seeded at the first only (as SB3's vectorised envs do)."""
    return [env.reset(seed=seed if i == 0 else None)[1] for i in range(n)]


def test_a_suites_split_is_drawn_from_the_seed_with_each_scenarios_target(cluster_ns, suite, tmp_path):
    runs = tmp_path / "runs"
    env = skstep.SimKubeEnv(
        suite=str(suite), split="train", context="admin", namespace=cluster_ns, runs_dir=str(runs),
        cache=str(tmp_path / "cache"),
    )
    try:
        assert sorted(env.spec_doc["scenarios"]) == ["three", "two"], "only the train split"
        first = draws(env, 11, 8)
        again = draws(env, 11, 8)
        other = draws(env, 12, 8)
    finally:
        env.close()
    ids = [i["scenario"] for i in first]
    assert ids == [i["scenario"] for i in again], "the same seed draws the same scenarios"
    assert ids != [i["scenario"] for i in other], "another seed, another sequence"
    assert set(ids) == {"two", "three"}, ids
    for info in first + again + other:
        _, target, budget = SUITE[info["scenario"]]
        assert (info["target"], info["max_steps"]) == (target, budget)
    recs = records(runs)
    assert len(recs) == 24 and all(r["outcome"] == "ok" and r["step"] == 0 for r in recs)
    assert [r["tags"]["scenario"] for r in recs] == [i["scenario"] for i in first + again + other]
    assert {r["tags"]["suite"] for r in recs} == {str(suite)}, "the suite as given, as bench tags it"
    assert not recs[0]["cached"] and all(r["cached"] for r in recs[1:]), "one real simulation, then the cache"


def test_a_scenario_file_gives_the_goal_and_the_budget(cluster_ns, suite, tmp_path):
    env = skstep.SimKubeEnv(
        scenario=str(suite / "four.json"), context="admin", namespace=cluster_ns, runs_dir=str(tmp_path / "runs"),
        cache=str(tmp_path / "cache"),
    )
    try:
        assert env.spec_doc["target"] == 4 and env.spec_doc["max_steps"] == 2
        obs, info = env.reset(seed=0)
        assert (info["scenario"], info["target"]) == ("four", 4)
        # Two replicas observed, target 4: (target - total)/5 = 0.4.
        assert obs[3] == pytest.approx((4 - info["total"]) / 5)
        _, _, terminated, truncated, _ = env.step(3)  # scale up: 3 of 4
        assert (terminated, truncated) == (False, False)
        _, _, terminated, truncated, info = env.step(0)  # noop at the budget: truncated
        assert (terminated, truncated) == (False, True), info
        with pytest.raises(skstep.SimulationError, match="episode is over"):
            env.step(0)
    finally:
        env.close()


def test_a_scenario_whose_profile_the_cluster_lacks_is_refused_naming_it(cluster_ns, tmp_path):
    f = scenario(tmp_path, "big", "train", 2, 2, profile="simarena")
    with pytest.raises(skstep.SimulationError) as e:
        skstep.SimKubeEnv(scenario=str(f), context="admin", namespace=cluster_ns, runs_dir=str(tmp_path / "runs"))
    assert "scenario big (profile simarena)" in e.value.message, e.value.message
    assert "KWOK nodes" in e.value.message, "with the fix"


def test_trace_and_scenario_options_together_are_refused(tmp_path, suite):
    with pytest.raises(skstep.SimulationError) as e:
        skstep.SimKubeEnv(suite=str(suite), trace=str(WEB), deploy="web", target=2)
    assert e.value.exit_code == 2 and "--trace" in e.value.message
    with pytest.raises(skstep.SimulationError) as e:
        skstep.SimKubeEnv(split="train", trace=str(WEB), deploy="web", target=2)
    assert e.value.exit_code == 2 and "--suite" in e.value.message
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.json").write_text('{"id": "x"}')
    with pytest.raises(skstep.SimulationError) as e:
        skstep.SimKubeEnv(suite=str(bad))
    assert e.value.exit_code == 1 and "x.json" in e.value.message


def test_sb3_vec_env_draws_the_suite_per_env(cluster_ns, suite, tmp_path):
    sb3 = pytest.importorskip("skstep.sb3", reason="Stable-Baselines3 not installed: pip install .[sb3]")
    runs = tmp_path / "runs"
    vec = sb3.make_vec_env(
        contexts=["admin"], suite=str(suite), split="train", namespace=cluster_ns, runs_dir=str(runs),
        cache=str(tmp_path / "cache"),
    )
    try:
        vec.seed(5)
        vec.reset()
        for _ in range(3):
            vec.step([0])
    finally:
        vec.close()
    recs = records(runs)
    assert recs and all(r["outcome"] == "ok" for r in recs), [r.get("cause") for r in recs]
    assert {r["tags"]["scenario"] for r in recs} <= {"two", "three"}
