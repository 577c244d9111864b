"""``skstep.bench.evaluate``: score a Python policy on a scenario suite with the same Rust engine,
records and metrics as ``kubectl skstep bench`` (it runs ``bench --agent stdio``).

The binary asks for each action on its stdout and reads the answer on its stdin, one JSON line
each::

    {"op": "act", "scenario": "cpu-slight", "repeat": 1, "step": 0,
     "obs": [5 floats, sim-arena's layout], "info": {"ready", "pending", "total", "target", ...}}
        <- {"action": 4}            (sim-arena's index, or the action's name)
    {"op": "done", "results": "/path/results.json"}

``policy`` is a callable ``policy(obs, info) -> action``, or any object with ``predict(obs)``
(Stable-Baselines3's models return ``(action, state)``; the action is taken from it).
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
import threading
from typing import Any, Callable, Optional, Sequence

import numpy as np

from ._binary import find_binary
from .env import SimulationError, _flag


def _decide(policy: Any) -> Callable[[np.ndarray, dict], Any]:
    predict = getattr(policy, "predict", None)
    if callable(predict):

        def via_predict(obs: np.ndarray, info: dict) -> Any:
            out = predict(obs)
            return out[0] if isinstance(out, tuple) else out

        return via_predict
    if callable(policy):
        return policy
    raise TypeError(f"policy must be callable as policy(obs, info) or have predict(obs); got {type(policy).__name__}")


def _action(a: Any) -> Any:
    """An int index (numpy scalars and 1-element arrays too) or an action name."""
    if isinstance(a, str):
        return a
    arr = np.asarray(a)
    if arr.size != 1 or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"the policy returned {a!r}: give one integer action index (0-6) or an action name")
    return int(arr.reshape(()).item())


def evaluate(
    policy: Any,
    suite: str,
    split: Optional[str] = None,
    contexts: Optional[Sequence[str]] = None,
    repeats: int = 1,
    seed: int = 0,
    output: Optional[str] = None,
    kubeconfig: Optional[str] = None,
    namespace: Optional[str] = None,
    duration: Optional[str] = None,
    speed: Optional[float] = None,
    reward: Optional[str] = None,
    runs_dir: Optional[str] = None,
    binary: Optional[str] = None,
) -> dict:
    """Plays every scenario of ``suite`` (``"simarena"`` or a folder) ``repeats`` times with
    ``policy`` over ``contexts`` and returns the results document (``schema: skstep.bench/v1``),
    also written to ``output`` (default: a temporary folder's ``results.json``). Running it
    again with the same ``output`` resumes an interrupted evaluation. A failed bench raises
    :class:`skstep.SimulationError` with the binary's cause, fix and exit code."""
    decide = _decide(policy)
    tmp = None
    if output is None:
        tmp = tempfile.mkdtemp(prefix="skstep-bench-")
        output = os.path.join(tmp, "results.json")
    argv = [binary or find_binary()]
    if kubeconfig is not None:
        argv += ["--kubeconfig", os.fspath(kubeconfig)]
    argv += ["bench", "--suite", os.fspath(suite), "--agent", "stdio", "--repeats", str(repeats), "--seed", str(seed)]
    argv += ["-o", os.fspath(output)]
    if contexts:
        argv += ["--contexts", ",".join(contexts)]
    for name, value in (
        ("split", split),
        ("ns", namespace),
        ("duration", duration),
        ("speed", speed),
        ("reward", reward),
        ("runs_dir", runs_dir),
    ):
        if value is not None:
            argv += [_flag(name), os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    tail: collections.deque[str] = collections.deque(maxlen=30)

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            tail.append(line.rstrip("\n"))
            sys.stderr.write(line)

    t = threading.Thread(target=pump, daemon=True)
    t.start()
    results = None
    try:
        assert proc.stdin is not None and proc.stdout is not None
        for line in proc.stdout:
            msg = json.loads(line)
            if msg.get("op") == "act":
                obs = np.asarray(msg["obs"], dtype=np.float32)
                a = _action(decide(obs, msg["info"]))
                proc.stdin.write(json.dumps({"action": a}) + "\n")
                proc.stdin.flush()
            elif msg.get("op") == "done":
                results = msg["results"]
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    code = proc.wait()
    t.join(timeout=2)
    if code != 0 or results is None:
        text = "\n".join(tail)
        raise SimulationError(
            f"kubectl-skstep bench exited with code {code}" + (f":\n{text}" if text else ""),
            "see the error above; `kubectl skstep bench --help` lists the options",
            code,
        )
    with open(results) as f:
        return json.load(f)


__all__ = ["evaluate"]
