"""Fixtures for the Python tests, all on the real test cluster (scripts/test starts it and exports
KUBECONFIG, SKSTEP_NODE_DATA_DIR, SKSTEP_STATE_DIR). Without a cluster the tests FAIL, unless
SKSTEP_NO_CLUSTER=1, when they are skipped (and say so)."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import uuid

import pytest

import skstep

REPO = pathlib.Path(__file__).resolve().parents[2]
TRACES = REPO / "tests" / "fixtures" / "traces"
WEB = TRACES / "simarena-demo-deprecated-path.msgpack"
NO_WEB = TRACES / "simkube-cronjob.sktrace"


def need_cluster() -> None:
    if os.environ.get("SKSTEP_NO_CLUSTER") == "1":
        pytest.skip("SKSTEP_NO_CLUSTER=1: no test cluster, cluster test skipped")
    for var in ("KUBECONFIG", "SKSTEP_NODE_DATA_DIR", "SKSTEP_STATE_DIR"):
        if not os.environ.get(var):
            pytest.fail(f"{var} is not set: run the tests with scripts/test (or set SKSTEP_NO_CLUSTER=1 to skip)")


def skstep_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([skstep.find_binary(), *args], capture_output=True, text=True, env=env, timeout=900)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def prep(ns: str, context: str, node_dir: str, env: dict | None = None) -> None:
    out = skstep_cli("--context", context, "prep-ns", ns, "--trace", str(WEB), "--node-dir", node_dir, env=env)
    assert out.returncode == 0, f"prep-ns {ns} on {context}: {out.stderr}"


def records(runs_dir: pathlib.Path) -> list[dict]:
    path = runs_dir / "step.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def cluster_ns() -> str:
    """A driver namespace prepared on the first cluster (context `admin`)."""
    need_cluster()
    ns = unique("py")
    prep(ns, "admin", os.environ["SKSTEP_NODE_DATA_DIR"])
    return ns


@pytest.fixture(scope="session")
def second_cluster():
    """A second test cluster (`scripts/testcluster up --name c2`), its kubeconfig merged with the
    first's (KUBECONFIG=a:b): contexts `admin` and `c2-admin`. Torn down at the end. Its name is
    $SKSTEP_SECOND_CLUSTER (default c2), so a helper's run uses its own cluster names."""
    name = os.environ.get("SKSTEP_SECOND_CLUSTER", "c2")
    need_cluster()
    up = subprocess.run([str(REPO / "scripts" / "testcluster"), "up", "--name", name], capture_output=True, text=True)
    exports = dict(
        line.removeprefix("export ").split("=", 1) for line in up.stdout.splitlines() if line.startswith("export ")
    )
    state = exports.get("SKSTEP_TESTCLUSTER_STATE")
    try:
        assert up.returncode == 0, f"scripts/testcluster up --name {name} failed:\n{up.stderr[-3000:]}"
        merged = f"{os.environ['KUBECONFIG']}:{exports['KUBECONFIG']}"
        yield {
            "kubeconfig": merged,
            "node_dir": exports["SKSTEP_NODE_DATA_DIR"],
            "context": f"{name}-admin",
            "state": state,
        }
    finally:
        if state:
            subprocess.run([str(REPO / "scripts" / "testcluster"), "down", "--state-dir", state], check=False)
