"""``kubectl skstep mcp`` with the official MCP Python SDK (``mcp``) as the client, on the real test
cluster: the tool list and input schemas; a simarena scenario played to solved by a scripted policy
(its reference actions) through the tools, scored as ``bench --agent reference`` scores the same
actions; tool errors (unknown scenario, another session's namespace, a spent tool-call budget, a
blocked action, a spent step budget, the API server down) with their cause, the session going on;
the step records.
Over streamable HTTP: a bind beyond loopback refused without the bearer token; two sessions on one
context, the second queued behind the first and told so.

Wall time: about seven 5 s simulations (two episodes and bench's one) plus the HTTP episode."""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import socket
import subprocess
import time

# The official MCP Python SDK (2.x: snake_case fields, httpx2). Not installed is a failure, never a skip.
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

import skstep
from conftest import REPO, need_cluster, prep, records, skstep_cli, unique

SCENARIO = "replica-tiny-scale"
# The first cluster's context (scripts/test's is `admin`; a named test cluster's is `NAME-admin`).
CTX = os.environ.get("SKSTEP_TEST_CONTEXT", "admin")
TOOLS = {
    "list_scenarios", "start", "observe", "step", "set_replicas", "set_resources", "rollback", "submit",
    "get_pods", "describe_deployment", "get_events", "get_pod_logs", "explain_pending",
    "inspect_trace", "validate_trace", "diff_trace",
}


def _suite(tmp_path: pathlib.Path) -> str:
    """sim-arena's replica-tiny-scale on the test cluster's profile (its nodes)."""
    d = tmp_path / "suite"
    d.mkdir()
    doc = json.loads((REPO / "scenarios" / "simarena" / f"{SCENARIO}.json").read_text())
    doc["profile"] = os.environ.get("SKSTEP_TESTCLUSTER_PROFILE", "default")
    (d / f"{SCENARIO}.json").write_text(json.dumps(doc))
    return str(d)


def _doc(result) -> dict:
    return result.structured_content if result.structured_content is not None else json.loads(result.content[0].text)


async def _call(s: ClientSession, name: str, **args) -> tuple[bool, dict]:
    r = await s.call_tool(name, args)
    return r.is_error, _doc(r)


def _server_args(ns: str, runs: pathlib.Path, *extra: str) -> list[str]:
    return ["mcp", "--contexts", CTX, "--ns", ns, "--runs-dir", str(runs), "--max-tool-calls", "3",
            "--max-steps", "2", *extra]


async def _play(s: ClientSession, suite: str) -> dict:
    """The scripted policy: the scenario's reference actions, with read-only calls in between."""
    tools = {t.name: t for t in (await s.list_tools()).tools}
    assert TOOLS <= set(tools), sorted(TOOLS - set(tools))
    for name, props in [("step", {"action"}), ("start", {"scenario_id", "seed", "trace", "deployment", "target"}),
                        ("set_resources", {"cpu", "memory"}), ("get_pods", {"namespace"}),
                        ("get_events", {"namespace", "deploy", "last_n"}),
                        ("get_pod_logs", {"namespace", "pod_name", "tail_lines", "container"})]:
        schema = tools[name].input_schema
        assert schema["type"] == "object" and props <= set(schema["properties"]), (name, schema)
        assert tools[name].description and len(tools[name].description) > 40, name
    assert tools["step"].input_schema["required"] == ["action"]
    assert "namespace" in tools["get_pods"].input_schema["required"]

    err, listed = await _call(s, "list_scenarios", suite=suite)
    assert not err and [x["id"] for x in listed["scenarios"]] == [SCENARIO], listed
    reference = json.loads((pathlib.Path(suite) / f"{SCENARIO}.json").read_text())["reference"]

    # An unknown scenario: a tool error naming it and the ones there are.
    err, doc = await _call(s, "start", scenario_id="no-such-scenario", suite=suite)
    assert err and "no-such-scenario" in doc["error"] and SCENARIO in doc["fix"], doc

    err, obs = await _call(s, "start", scenario_id=SCENARIO, suite=suite)
    assert not err, obs
    assert (obs["total"], obs["target"], obs["replicas"], obs["solved"]) == (2, 3, 2, False), obs
    vns = obs["virtual_namespace"]

    # Read-only calls, one outside the session (refused), then the tool-call budget (3) is spent.
    err, doc = await _call(s, "get_pods", namespace="kube-system")
    assert err and "kube-system" in doc["error"] and vns in doc["fix"], doc
    err, pods = await _call(s, "get_pods", namespace=vns)
    assert not err and pods["count"] == 2, pods
    err, why = await _call(s, "explain_pending")
    assert not err and why["pending"] == 0, why
    err, doc = await _call(s, "observe")
    assert err and "tool-call budget" in doc["error"] and "step(action)" in doc["fix"], doc

    for a in reference:
        err, obs = await _call(s, "step", action=a)
        assert not err, obs
    assert obs["solved"] and (obs["ready"], obs["total"], obs["pending"]) == (3, 3, 0), obs
    err, doc = await _call(s, "step", action=0)
    assert err and "solved" in doc["error"] and "submit" in doc["fix"], doc
    err, score = await _call(s, "submit")
    assert not err and score["solved"], score
    return score


async def _budget_and_blocked(s: ClientSession, suite: str) -> None:
    """The same session goes on: a blocked action, then the step budget (2) spent."""
    err, obs = await _call(s, "start", scenario_id=SCENARIO, suite=suite)
    assert not err, obs
    err, doc = await _call(s, "set_replicas", n=500)
    assert err and "blocked" in doc["error"] and "replicas" in doc["error"], doc
    assert doc["detail"]["replicas"] == 2 and doc["detail"]["step"] == 1, doc
    err, obs = await _call(s, "step", action="noop")
    assert not err and obs["budget_left"] == 0 and "budget" in obs["over"], obs
    err, doc = await _call(s, "step", action=3)
    assert err and "budget is spent" in doc["error"], doc
    err, obs = await _call(s, "observe")
    assert not err and obs["step"] == 2, obs
    err, score = await _call(s, "submit")
    assert not err and not score["solved"] and score["run"]["end"] == "budget", score


def test_a_scenario_played_through_the_mcp_tools_scores_as_bench_does(tmp_path):
    need_cluster()
    ns = unique("pymcp")
    prep(ns, CTX, os.environ["SKSTEP_NODE_DATA_DIR"])
    suite = _suite(tmp_path)
    runs = tmp_path / "runs"
    server = StdioServerParameters(command=skstep.find_binary(), args=_server_args(ns, runs), env=dict(os.environ))

    async def main():
        async with stdio_client(server) as (r, w), ClientSession(r, w) as s:
            await s.initialize()
            score = await _play(s, suite)
            await _budget_and_blocked(s, suite)
            return score

    score = asyncio.run(main())

    # bench plays the same actions (the reference agent) on the same scenario.
    out = skstep_cli("--context", CTX, "bench", "--suite", suite, "--agent", "reference", "--ns", ns,
                     "-o", str(tmp_path / "bench.json"), "--runs-dir", str(tmp_path / "bench-runs"))
    assert out.returncode == 0, out.stderr
    bench = json.loads((tmp_path / "bench.json").read_text())
    want, got = bench["runs"][0], score["run"]
    for k in ["scenario", "end", "steps_to_solve", "reference_steps", "actions", "simulated_steps", "return",
              "over_provisioning", "final_workload"]:
        assert got[k] == want[k], (k, got[k], want[k])
    for k in ["pass_at_1", "efficiency", "mean_steps_to_solve", "mean_return", "over_provisioning"]:
        assert score["metrics"][k] == bench["overall"][k], (k, score["metrics"], bench["overall"])

    # Every simulation is a record as `run` writes them, with the session, scenario and tool calls.
    recs = records(runs)
    assert len(recs) == 2 + 3, [(r["episode"], r["step"]) for r in recs]
    assert all(r["tags"]["scenario"] == SCENARIO and r["tags"]["session"] == score["session"] for r in recs)
    assert all(r["policy"] == "mcp" and r["outcome"] == "ok" for r in recs)
    first_action = recs[1]
    calls = [c["tool"] for c in first_action["tool_calls"]]
    assert calls == ["get_pods", "get_pods", "explain_pending", "observe", "step"], calls
    assert first_action["action"]["type"] == reference_type(suite)
    blocked = recs[3]
    assert blocked["action"]["type"] == "set_replicas" and blocked["action_info"]["blocked"] is True, blocked


def reference_type(suite: str) -> str:
    return json.loads((pathlib.Path(suite) / f"{SCENARIO}.json").read_text())["reference"][0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _non_loopback_ip() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            ip = s.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") else ip


def _wait_listening(proc: subprocess.Popen, host: str, port: int) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise AssertionError(f"the server exited: {proc.stderr.read()}")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not listen")


def test_over_streamable_http_beyond_loopback_the_token_is_required(tmp_path):
    need_cluster()
    import httpx2
    from mcp.client.streamable_http import streamable_http_client

    ns = unique("pymcph")
    prep(ns, CTX, os.environ["SKSTEP_NODE_DATA_DIR"])
    suite = _suite(tmp_path)
    token = "t-" + os.urandom(16).hex()
    tf = tmp_path / "token"
    tf.write_text(token + "\n")
    host = _non_loopback_ip() or "0.0.0.0"
    port = _free_port()
    bind = f"{host}:{port}" if host != "0.0.0.0" else f"0.0.0.0:{port}"
    reach = host if host != "0.0.0.0" else "127.0.0.1"

    # Beyond loopback without a token file: refused before serving.
    out = skstep_cli(*_server_args(ns, tmp_path / "r0", "--http", bind))
    assert out.returncode == 2 and "--token-file" in out.stderr, out.stderr

    proc = subprocess.Popen([skstep.find_binary(), *_server_args(ns, tmp_path / "runs", "--http", bind,
                                                                   "--token-file", str(tf))],
                            stderr=subprocess.PIPE, text=True)
    try:
        _wait_listening(proc, reach, port)
        url = f"http://{reach}:{port}/mcp"
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                           "clientInfo": {"name": "t", "version": "0"}}}
        hdrs = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
        for auth in [None, "Bearer wrong", f"Basic {token}"]:
            h = dict(hdrs, **({"authorization": auth} if auth else {}))
            r = httpx2.post(url, json=init, headers=h)
            assert r.status_code == 401, (auth, r.status_code, r.text)

        def connect(logs=None):
            client = httpx2.AsyncClient(headers={"authorization": f"Bearer {token}"}, timeout=httpx2.Timeout(30, read=600))
            return client, streamable_http_client(url, http_client=client)

        async def main():
            # Two sessions on one context: the second's start queues behind the first, and is told so.
            started, told = asyncio.Event(), []

            async def first():
                client, transport = connect()
                async with client, transport as (r, w, *_), ClientSession(r, w) as s:
                    await s.initialize()
                    names = {t.name for t in (await s.list_tools()).tools}
                    assert TOOLS <= names
                    err, obs = await _call(s, "start", scenario_id=SCENARIO, suite=suite)
                    assert not err and obs["total"] == 2 and "queued" not in obs, obs
                    started.set()
                    await asyncio.sleep(1)
                    err, obs = await _call(s, "step", action="scale_up_replicas")
                    assert not err and obs["solved"], obs
                    err, score = await _call(s, "submit")
                    assert not err and score["solved"] and score["run"]["steps_to_solve"] == 1, score
                    return score["session"]

            async def second():
                async def on_log(params):
                    told.append(params.data)

                client, transport = connect()
                async with client, transport as (r, w, *_), ClientSession(r, w, logging_callback=on_log) as s:
                    await s.initialize()
                    await started.wait()
                    err, obs = await _call(s, "start", scenario_id=SCENARIO, suite=suite)
                    assert not err, obs
                    err, score = await _call(s, "submit")
                    assert not err and not score["solved"], score
                    return obs["queued"]

            a, queued = await asyncio.gather(first(), second())
            assert queued["behind"] == a and queued["context"] == CTX and queued["waited_s"] > 0, queued
            assert any("queued" in str(t) and a in str(t) for t in told), told

        asyncio.run(main())
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    assert token not in err, "the token was logged"


def test_two_sessions_on_two_contexts_play_at_once(tmp_path, second_cluster):
    """One stdio server per session, each on its own cluster: their episodes overlap in time."""
    ns = unique("pymcp2")
    env = dict(os.environ, KUBECONFIG=second_cluster["kubeconfig"])
    prep(ns, CTX, os.environ["SKSTEP_NODE_DATA_DIR"], env=env)
    prep(ns, second_cluster["context"], second_cluster["node_dir"], env=env)
    suite = _suite(tmp_path)

    async def one(ctx: str) -> tuple[float, float, dict]:
        args = ["mcp", "--contexts", ctx, "--ns", ns, "--runs-dir", str(tmp_path / f"runs-{ctx}")]
        server = StdioServerParameters(command=skstep.find_binary(), args=args, env=env)
        async with stdio_client(server) as (r, w), ClientSession(r, w) as s:
            await s.initialize()
            t0 = time.monotonic()
            err, obs = await _call(s, "start", scenario_id=SCENARIO, suite=suite)
            assert not err and obs["context"] == ctx and "queued" not in obs, obs
            err, obs = await _call(s, "step", action=3)
            assert not err and obs["solved"], obs
            t1 = time.monotonic()
            err, score = await _call(s, "submit")
            assert not err and score["solved"], score
            return t0, t1, score

    async def main():
        return await asyncio.gather(one(CTX), one(second_cluster["context"]))

    (a0, a1, a), (b0, b1, b) = asyncio.run(main())
    assert a["run"]["context"] != b["run"]["context"]
    assert max(a0, b0) < min(a1, b1), f"the episodes did not overlap: {a0:.1f}-{a1:.1f} and {b0:.1f}-{b1:.1f}"
    # Neither waited for the other: no step of either queued on a SimKube lease.
    for ctx in (CTX, second_cluster["context"]):
        recs = records(tmp_path / f"runs-{ctx}")
        assert len(recs) == 2 and all(r["context"] == ctx for r in recs), recs
        assert all(r["timings_s"].get("lease_wait", 0) < 2 for r in recs), [r["timings_s"] for r in recs]


def test_the_api_server_down_is_a_tool_error_with_its_cause_and_the_session_goes_on(tmp_path):
    """No API server answers at the kubeconfig's address (a port nothing listens on: the server is
    down): the server still serves, `start` is a tool error naming the unreachable server and the
    fix, and the tools that need no cluster keep working in the same session."""
    port = _free_port()  # bound and released: nothing listens there
    kubeconfig = tmp_path / "down.kubeconfig"
    kubeconfig.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: down\n"
        f"clusters: [{{name: down, cluster: {{server: 'https://127.0.0.1:{port}', insecure-skip-tls-verify: true}}}}]\n"
        "users: [{name: down, user: {token: not-a-secret}}]\n"
        "contexts: [{name: down, context: {cluster: down, user: down, namespace: lab}}]\n"
    )
    env = {**os.environ, "KUBECONFIG": str(kubeconfig)}
    server = StdioServerParameters(
        command=skstep.find_binary(),
        args=["mcp", "--ns", "lab", "--api-timeout", "2s", "--runs-dir", str(tmp_path / "runs")],
        env=env,
    )

    async def main():
        async with stdio_client(server) as (r, w), ClientSession(r, w) as s:
            await s.initialize()
            err, doc = await _call(s, "start", scenario_id=SCENARIO)
            assert err, doc
            assert "cluster unreachable" in doc["error"] and "still failing after 2s" in doc["error"], doc
            assert "API server is up" in doc["fix"], doc
            assert "not-a-secret" not in json.dumps(doc), "the token must never be shown"
            # The session goes on: the suite is still listed, and a second start says the same.
            err, listed = await _call(s, "list_scenarios", suite="simarena")
            assert not err and SCENARIO in [x["id"] for x in listed["scenarios"]], listed
            err2, doc2 = await _call(s, "start", scenario_id=SCENARIO)
            assert err2 and doc2["error"] == doc["error"], doc2

    t0 = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - t0 < 60, "the down server is found within --api-timeout, not minutes later"
