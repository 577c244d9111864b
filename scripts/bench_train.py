"""The Python half of `scripts/bench-train figures` (a benchmark, not a test). One JSON line per
measurement on stdout; SB3 and the envs' progress on stderr.

    bench_train.py scale W SUITE NS STEPS CTX,...        random actions on N clusters
    bench_train.py dqn W SUITE NS STEPS CTX,... NAME [--cache DIR] [--seed S] [--resume MODEL --eps E]
                                                     [--max-wall SECONDS]   stop at STEPS or the wall limit
    bench_train.py eval W SUITE NS CTX,... MODEL OUT     the model on the test split (skstep.bench.evaluate)

A file, not stdin: SB3's SubprocVecEnv workers (forkserver) import the main module by its path.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time


def load() -> dict:
    """The machine's load when a figure is taken: `uptime` and `free -m`'s memory line."""
    up = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    mem = next((line.split() for line in subprocess.run(["free", "-m"], capture_output=True, text=True).stdout.splitlines()
                if line.startswith("Mem:")), [])
    return {"uptime": up, "mem_used_mib": int(mem[2]) if len(mem) > 2 else None,
            "mem_available_mib": int(mem[6]) if len(mem) > 6 else None}


def records(runs: str) -> list[dict]:
    path = os.path.join(runs, "step.jsonl")
    return [json.loads(line) for line in open(path) if line.strip()] if os.path.exists(path) else []


def vec_env(a, runs: str, cache):
    from skstep import sb3

    return sb3.make_vec_env(contexts=a.contexts.split(","), suite=a.suite, split="train", namespace=a.ns,
                            runs_dir=runs, reward="shaped", cache=cache)


def scale(a) -> None:
    """Random actions (SB3's action space sampled, seeded) for STEPS vector steps: every env one
    simulation at a time on its own cluster, as training would step them."""
    import numpy as np

    n = len(a.contexts.split(","))
    runs = f"{a.w}/runs-scale-{n}"
    vec = vec_env(a, runs, None)
    rng = np.random.default_rng(n)
    try:
        vec.seed(100 * n)
        vec.reset()
        t0 = time.monotonic()
        before = len(records(runs))
        for _ in range(a.steps):
            vec.step(rng.integers(0, 7, size=n))
        wall = time.monotonic() - t0
        during = load()
    finally:
        vec.close()
    recs = records(runs)[before:]
    ok = [r for r in recs if r["outcome"] == "ok"]
    def mean(get) -> float:
        return round(sum(get(r) for r in ok) / max(1, len(ok)), 2)

    print(json.dumps({"figure": "scale", "clusters": n, "simulations": len(recs), "failed": len(recs) - len(ok),
                      "wall_s": round(wall, 1), "steps_per_hour": round(len(recs) / wall * 3600),
                      "mean_step_s": mean(lambda r: r.get("duration_s") or 0),
                      "mean_phases_s": {k: mean(lambda r: r["timings_s"].get(k, 0)) for k in
                                        ("lease_wait", "stage", "create", "driver_start", "wait", "cleanup")},
                      "load": during}), flush=True)


def WallLimit(t0: float, limit: float | None):
    """An SB3 callback that ends learn() once `limit` seconds have passed since t0 (two runs side
    by side get the same wall window; steps/hour is what each did in it). None: no limit."""
    from stable_baselines3.common.callbacks import BaseCallback

    class _Wall(BaseCallback):
        def _on_step(self) -> bool:
            return limit is None or time.monotonic() - t0 < limit

    return _Wall()


def windows(recs: list[dict], size: int = 500) -> list[dict]:
    """The hit rate per window of `size` records, in order: where the cache's steady state starts."""
    out = []
    for i in range(0, len(recs), size):
        w = recs[i:i + size]
        out.append({"from": i, "records": len(w), "hit_rate": round(sum(bool(r.get("cached")) for r in w) / len(w), 3)})
    return out


def by_time(recs: list[dict], t0: float, wall: float, size_s: int = 600) -> list[dict]:
    """Records, hit rate and steps/hour per `size_s` seconds of wall from t0 (the learn() start,
    Unix time), from the records' timestamps: the rate as the cache fills, window by window, so
    two runs side by side compare window for window, not only over the whole run. The last
    window ends with the run (`wall` seconds after t0), so its rate is over its own length."""
    from datetime import datetime

    out: dict[int, list[bool]] = {}
    for r in recs:
        at = datetime.fromisoformat(r["timestamp"].replace("Z", "+00:00")).timestamp()
        # (the last step's record can land just after the wall: it belongs to the last window)
        k = min(max(0, int((at - t0) // size_s)), int(max(0.0, wall - 1) // size_s))
        out.setdefault(k, []).append(bool(r.get("cached")))
    def span(k: int) -> float:
        return max(1.0, min(size_s, wall - k * size_s))

    return [{"from_s": k * size_s, "seconds": round(span(k)), "records": len(v), "hit_rate": round(sum(v) / len(v), 3),
             "steps_per_hour": round(len(v) / span(k) * 3600)} for k, v in sorted(out.items())]


def at_goal(r: dict) -> bool:
    """A record whose observation is the scenario's goal (ready = total = target, pending 0)."""
    o, t = r.get("obs") or {}, r.get("target")
    return t is not None and o.get("ready") == t and o.get("total") == t and o.get("pending") == 0


def dqn(a) -> None:
    from stable_baselines3 import DQN
    from skstep import sb3

    runs = f"{a.w}/runs-{a.name}"
    vec = vec_env(a, runs, a.cache)
    n = vec.num_envs
    try:
        if a.resume:
            # Late in the preset's schedule: epsilon where sim-arena's line ends (0.1 after 1,000
            # transitions), the same network, buffer and updates.
            model = DQN.load(a.resume, env=vec, exploration_initial_eps=a.eps, exploration_final_eps=a.eps)
            model.set_random_seed(a.seed)
        else:
            model = DQN(env=vec, seed=a.seed, **sb3.dqn_preset(a.steps, n_envs=n))
        t0, started = time.monotonic(), time.time()
        model.learn(total_timesteps=a.steps, reset_num_timesteps=not a.resume, callback=WallLimit(t0, a.max_wall))
        wall = time.monotonic() - t0
        during = load()
        model.save(f"{a.w}/model-{a.name}")
    finally:
        vec.close()
    recs = records(runs)
    hits = sum(bool(r.get("cached")) for r in recs)
    # The trajectory per cluster (step, action, observation): with the same seed, a run with the
    # cache must take the very steps of the run without it (its observations are the same).
    by: dict = {}
    for r in recs:
        by.setdefault(r["context"], []).append((r["step"], json.dumps(r["action"], sort_keys=True), r.get("obs")))
    trajectory = hashlib.sha256(json.dumps(sorted(by.items()), sort_keys=True).encode()).hexdigest()[:12]
    print(json.dumps({"figure": "dqn", "name": a.name, "cache": bool(a.cache), "transitions": a.steps,
                      "simulations": len(recs), "failed": sum(r["outcome"] != "ok" for r in recs),
                      "cached": hits, "hit_rate": round(hits / max(1, len(recs)), 3), "wall_s": round(wall, 1),
                      "steps_per_hour": round(len(recs) / wall * 3600), "model": f"{a.w}/model-{a.name}.zip",
                      "runs": runs, "trajectory_sha": trajectory, "windows": windows(recs),
                      "time_windows": by_time(recs, started, wall),
                      "episodes": sum(r["step"] == 0 for r in recs),
                      "at_goal": sum(at_goal(r) for r in recs), "load": during}), flush=True)


def evaluate(a) -> None:
    from stable_baselines3 import DQN
    from skstep.bench import evaluate as ev

    model = DQN.load(a.model)
    t0 = time.monotonic()
    doc = ev(model, suite=a.suite, split="test", contexts=a.contexts.split(","), namespace=a.ns, output=a.out,
             runs_dir=f"{a.out}.runs")
    print(json.dumps({"figure": "eval", "agent": "dqn", "wall_s": round(time.monotonic() - t0, 1),
                      "overall": doc["overall"], "load": load()}), flush=True)


def main() -> None:
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("scale", "dqn"):
        s = sub.add_parser(name)
        s.add_argument("w")
        s.add_argument("suite")
        s.add_argument("ns")
        s.add_argument("steps", type=int)
        s.add_argument("contexts")
        if name == "dqn":
            s.add_argument("name")
            s.add_argument("--cache")
            s.add_argument("--seed", type=int, default=1)
            s.add_argument("--resume")
            s.add_argument("--eps", type=float, default=0.1)
            s.add_argument("--max-wall", type=float, default=None)
    e = sub.add_parser("eval")
    for arg in ("w", "suite", "ns", "contexts", "model", "out"):
        e.add_argument(arg)
    a = p.parse_args()
    {"scale": scale, "dqn": dqn, "eval": evaluate}[a.cmd](a)


if __name__ == "__main__":  # SubprocVecEnv's workers import this file
    sys.exit(main())
