#!/usr/bin/env python3
"""Renders a cluster profile (scenarios/profiles/NAME.json, the one source of truth that the Rust
code reads too: src/scenario/profile.rs) into the test cluster's KWOK Node objects.

kwok-node-0 is always there (untainted, type=kwok: where SimKube's own pods and the driver Job
run); the profile's virtual_nodes are sk-virtual-node-0..N-1 (type=virtual, where SimKube's driver
puts the simulated pods), each with the profile's allocatable and capacity in its status, which
the node-initialize stage keeps (testcluster/manifests/kwok-node-stages.yml).

usage: render-nodes.py PROFILE.json > nodes.yml
"""
import json
import sys


def node(name, labels, taints, alloc):
    out = [
        "---",
        "apiVersion: v1",
        "kind: Node",
        "metadata:",
        f"  name: {name}",
        "  annotations:",
        "    kwok.x-k8s.io/node: fake",
        "  labels:",
        f"    kubernetes.io/hostname: {name}",
        "    kubernetes.io/os: linux",
        "    kubernetes.io/arch: amd64",
    ]
    out += [f"    {k}: {v}" for k, v in labels.items()]
    out.append("spec:" if taints else "spec: {}")
    if taints:
        out.append("  taints:")
        for t in taints:
            out.append(f"    - key: {json.dumps(t['key'])}")
            if t.get("value") is not None:
                out.append(f"      value: {json.dumps(t['value'])}")
            out.append(f"      effect: {t['effect']}")
    out.append("status:")
    for field in ("allocatable", "capacity"):
        out.append(f"  {field}:")
        out += [f"    {k}: {json.dumps(str(v))}" for k, v in alloc.items()]
    return "\n".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    path = sys.argv[1]
    try:
        with open(path) as f:
            p = json.load(f)
        n, cpu, mem, pods = int(p["virtual_nodes"]), str(p["cpu"]), str(p["memory"]), int(p["pods"])
        taints = p.get("taints") or []
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.exit(f"render-nodes: {path}: {e} (check it with: kubectl skstep scenario validate)")
    print(f"# Rendered from {path} by testcluster/render-nodes.py")
    big = {"cpu": "1000", "memory": "4Ti", "pods": "10000", "ephemeral-storage": "10Ti"}
    print(node("kwok-node-0", {"type": "kwok"}, [], big))
    for i in range(n):
        alloc = {"cpu": cpu, "memory": mem, "pods": pods, "ephemeral-storage": "10Ti"}
        print(node(f"sk-virtual-node-{i}", {"type": "virtual"}, taints, alloc))


main()
