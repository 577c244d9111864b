"""``SimKubeEnv``: a thin adapter over ``kubectl-skstep env --stdio``.

One request per line on the binary's stdin, one answer per line on its stdout::

    {"op": "spec"}                              -> {"ok": {"actions": [...], "obs_low": [...], ...}}
    {"op": "reset", "seed": 1, "options": {}}   -> {"ok": {"obs": [...], "info": {...}}}
    {"op": "step", "action": 3}                 -> {"ok": {"obs", "reward", "terminated", "truncated", "info"}}
    {"op": "close"}                             -> {"ok": {}}

or ``{"error": {"message", "hint", "exit_code"}}``, raised here as :class:`SimulationError`.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import threading
from typing import Any, Optional, Sequence

import gymnasium
import numpy as np
from gymnasium import spaces

from ._binary import find_binary


class SimulationError(RuntimeError):
    """A reset or step failed: ``message`` is the cause as kubectl-skstep states it, ``hint``
    the fix, ``exit_code`` the code the CLI would exit with (1 bad input, 2 usage, 3 cluster,
    4 simulation, 70 internal error (a bug), 130 interrupted). The env can be reset afterwards."""

    def __init__(self, message: str, hint: Optional[str] = None, exit_code: Optional[int] = None):
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
        super().__init__(message + (f"\n  fix: {hint}" if hint else ""))

    def __reduce__(self):
        # AsyncVectorEnv's workers send exceptions back pickled: keep the cause, fix and code.
        return (SimulationError, (self.message, self.hint, self.exit_code))


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


class _Server:
    """The ``env --stdio`` process: requests in, answers out; stderr (its progress lines) is
    passed through and its tail kept for the error when the process dies."""

    def __init__(self, argv: list[str], env: Optional[dict] = None):
        self.argv = argv
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
            env=env,
        )
        self.tail: collections.deque[str] = collections.deque(maxlen=20)
        self._pump = threading.Thread(target=self._forward_stderr, daemon=True)
        self._pump.start()

    def _forward_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.tail.append(line.rstrip("\n"))
            sys.stderr.write(line)

    def request(self, doc: dict) -> Any:
        if self.proc.poll() is not None:
            raise self._died()
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(json.dumps(doc) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise self._died() from None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait()
            raise self._died()
        answer = json.loads(line)
        if "error" in answer:
            e = answer["error"]
            raise SimulationError(e["message"], e.get("hint"), e.get("exit_code"))
        return answer["ok"]

    def _died(self) -> SimulationError:
        self._pump.join(timeout=2)
        code = self.proc.wait()
        tail = "\n".join(self.tail)
        return SimulationError(
            f"{self.argv[0]} env --stdio exited with code {code}" + (f":\n{tail}" if tail else ""),
            "check the options above; `kubectl skstep env --help` lists them",
            code,
        )

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.request({"op": "close"})
            except (SimulationError, OSError) as e:
                # It is going away either way (wait() below reaps it); say why it did not answer.
                sys.stderr.write(f"skstep: close: {e}\n")
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                self.proc.wait()
        self._pump.join(timeout=2)


class SimKubeEnv(gymnasium.Env):
    """sim-arena's SimKube environment on kubectl-skstep.

    What to play: ``trace`` (file), ``deploy`` (Deployment name in the trace) and ``target``
    (ready replicas aimed for); or ``scenario`` (a scenario file, played every episode); or
    ``suite`` (``"simarena"`` or a folder, e.g. from ``kubectl skstep scenario generate``) with
    an optional ``split`` (``"train"`` or ``"test"``): each ``reset()`` draws one of its
    scenarios from the env's generator, which ``reset(seed=…)`` reseeds (the same seeds play
    the same scenarios; ``info["scenario"]`` says which). A scenario brings its trace,
    Deployment, goal, budget (the truncation, unless ``max_steps``), and its duration and speed
    where it sets them; its node profile is checked against the cluster when the env is made.
    The observation space's bounds hold for every scenario's start.

    Options: ``context``/``kubeconfig`` (the cluster; one env per context),
    ``namespace`` (the driver namespace prepared with ``kubectl skstep prep-ns``), ``duration``
    (simulated time per step, e.g. ``"10s"``), ``speed`` (SimKube's speed factor), ``reward``
    (``base``, ``shaped``, ``scale``, ``max_punish``, ``cost_aware_v2``), ``max_steps``,
    ``max_steps`` (default: the scenario's budget, else 10),
    ``seed`` (the default for ``reset()``, and the first draw's), plus ``runs_dir``, ``step_penalty``, ``grace``,
    ``api_timeout`` (how long a phase retries an unreachable API server),
    ``keep_last`` (leave each Simulation until the next call, to inspect it), ``cache`` (the
    transition cache's folder: a trace simulated before is answered from it, ``info["cached"]``)
    and ``cache_verify`` (the fraction of cache hits simulated anyway and compared).
    """

    metadata = {"render_modes": []}

    def __init__(
        self,
        trace: Optional[str] = None,
        deploy: Optional[str] = None,
        target: Optional[int] = None,
        context: Optional[str] = None,
        kubeconfig: Optional[str] = None,
        namespace: Optional[str] = None,
        duration: str = "10s",
        speed: Optional[float] = None,
        reward: str = "base",
        max_steps: Optional[int] = None,
        seed: Optional[int] = None,
        runs_dir: Optional[str] = None,
        step_penalty: Optional[float] = None,
        grace: Optional[str] = None,
        api_timeout: Optional[str] = None,
        keep_last: bool = False,
        cache: Optional[str] = None,
        cache_verify: Optional[float] = None,
        scenario: Optional[str] = None,
        suite: Optional[str] = None,
        split: Optional[str] = None,
        binary: Optional[str] = None,
        render_mode: Optional[str] = None,
    ):
        if render_mode is not None:
            raise ValueError("SimKubeEnv renders nothing: leave render_mode unset")
        self.render_mode = None
        argv = [binary or find_binary()]
        for name, value in (("context", context), ("kubeconfig", kubeconfig)):
            if value is not None:
                argv += [_flag(name), os.fspath(value)]
        argv += ["env", "--stdio"]
        # Which of trace/deploy/target and scenario/suite/split go together is the binary's to say.
        for name, value in (
            ("trace", trace),
            ("deploy", deploy),
            ("target", target),
            ("scenario", scenario),
            ("suite", suite),
            ("split", split),
            ("ns", namespace),
            ("duration", duration),
            ("speed", speed),
            ("reward", reward),
            ("max_steps", max_steps),
            ("seed", seed),
            ("runs_dir", runs_dir),
            ("step_penalty", step_penalty),
            ("grace", grace),
            ("api_timeout", api_timeout),
            ("cache", cache),
            ("cache_verify", cache_verify),
        ):
            if value is not None:
                argv += [_flag(name), os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
        if keep_last:
            argv.append("--keep-last")
        self._server = _Server(argv)
        try:
            spec = self._server.request({"op": "spec"})
        except BaseException:
            self._server.close()
            raise
        self.spec_doc = spec
        self.context = spec["context"]
        self.action_names: list[str] = spec["actions"]
        self.action_space = spaces.Discrete(len(self.action_names))
        self.observation_space = spaces.Box(
            low=np.array(spec["obs_low"], dtype=np.float32),
            high=np.array(spec["obs_high"], dtype=np.float32),
            shape=(len(spec["obs_low"]),),
            dtype=np.float32,
        )

    def reset(self, *, seed: Optional[int] = None, options: Optional[dict] = None):
        super().reset(seed=seed)
        req: dict = {"op": "reset", "seed": seed}
        if options:
            req["options"] = options
        ans = self._server.request(req)
        return np.asarray(ans["obs"], dtype=np.float32), ans["info"]

    def step(self, action):
        ans = self._server.request({"op": "step", "action": int(action)})
        obs = np.asarray(ans["obs"], dtype=np.float32)
        return obs, float(ans["reward"]), bool(ans["terminated"]), bool(ans["truncated"]), ans["info"]

    def close(self):
        server = getattr(self, "_server", None)
        if server is not None:
            server.close()
        super().close()


def check_contexts(contexts: Sequence[str], kwargs: dict, who: str) -> list[str]:
    """The contexts of a vectorised env: at least one, none twice (SimKube runs one Simulation per
    cluster at a time, so two envs on one context would only queue), and no ``context=``."""
    contexts = list(contexts)
    if not contexts:
        raise ValueError(f"{who} needs at least one context")
    seen = set()
    for c in contexts:
        if c in seen:
            raise ValueError(
                f"context {c!r} given twice: SimKube runs one Simulation per cluster at a time, so two envs "
                "on one context would only queue on its lease; give one context per cluster"
            )
        seen.add(c)
    if "context" in kwargs:
        raise ValueError("pass the clusters as contexts=[...], not context=")
    return contexts


def make_vec(contexts: Sequence[str], **kwargs) -> gymnasium.vector.AsyncVectorEnv:
    """One :class:`SimKubeEnv` per kubeconfig context, stepped in parallel by an
    ``AsyncVectorEnv``. SimKube runs one Simulation per cluster at a time, so two envs on one
    context would only queue: that is refused."""
    contexts = check_contexts(contexts, kwargs, "make_vec")
    return gymnasium.vector.AsyncVectorEnv([(lambda c=c: SimKubeEnv(context=c, **kwargs)) for c in contexts])
