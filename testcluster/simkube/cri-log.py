#!/usr/bin/env python3
"""Writes one stream of a local process (stdin here) as a container runtime would: each line to
PLAIN as it is, and to CRI in the CRI log format the kubelet (and KWOK's log server) read,
`<RFC3339Nano> <stream> F <line>`. Used for sk-ctrl, which runs locally for the sk-ctrl-depl pod.

usage: cri-log.py STREAM PLAIN CRI
"""
import datetime
import sys

stream, plain_path, cri_path = sys.argv[1:4]
with open(plain_path, "ab", buffering=0) as plain, open(cri_path, "ab", buffering=0) as cri:
    for raw in sys.stdin.buffer:
        plain.write(raw)
        now = datetime.datetime.now(datetime.timezone.utc)
        stamp = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond * 1000:09d}Z"
        line = raw.rstrip(b"\n")
        cri.write(stamp.encode() + b" " + stream.encode() + b" F " + line + b"\n")
