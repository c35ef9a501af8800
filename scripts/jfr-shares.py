#!/usr/bin/env python3
"""Inclusive shares of a JFR profile's Java samples, for the intake benchmark's profiles.

Usage: source scripts/env.sh && scripts/jfr-shares.py FILE.jfr [FILE.jfr ...]
For each recording: the number of jdk.ExecutionSample events, the share of each thread group, and
the share of samples whose stack (64 frames deep) holds a frame of each group below.
"""
import collections
import json
import os
import subprocess
import sys

GROUPS = {
    "JSON parse/compose (Jackson, Vert.x JSON, Json.text)": (
        "com.fasterxml.jackson", "io.vertx.core.json", "dev.sable.node.api.Json."),
    "SealedShape (shape, hex check)": ("dev.sable.node.api.SealedShape",),
    "hex (java.util.HexFormat)": ("java.util.HexFormat",),
    "SubmitFrame.decode": ("dev.sable.crypto.sealed.SubmitFrame.decode",),
    "SubmitAnswer (binary answers)": ("dev.sable.crypto.sealed.SubmitAnswer",),
    "RequestCodec.encode": ("dev.sable.crypto.sealed.RequestCodec.encode",),
    "Intake.verify": ("dev.sable.node.intake.Intake.verify",),
    "ChaCha20-Poly1305": ("org.bouncycastle.crypto.modes.ChaCha20Poly1305",),
    "WebSocket answer writes": ("io.vertx.core.http.impl.WebSocketImplBase.write",),
}


def samples(path):
    jfr = os.path.join(os.environ["JAVA_HOME"], "bin", "jfr")
    out = subprocess.run(
        [jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
        capture_output=True, text=True, check=True).stdout
    for e in json.loads(out)["recording"]["events"]:
        stack = e["values"]["stackTrace"]
        frames = [] if stack is None else [
            f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
            for f in stack["frames"]]
        yield e["values"]["sampledThread"]["javaName"] or "", frames


def main(paths):
    for path in paths:
        s = list(samples(path))
        n = len(s)
        print(f"{path}: {n} samples")
        threads = collections.Counter(
            "event loops" if "eventloop" in t else t for t, _ in s)
        print("  threads: " + ", ".join(
            f"{t} {100 * c / n:.1f}%" for t, c in threads.most_common(6)))
        for name, prefixes in GROUPS.items():
            c = sum(1 for _, fs in s if any(f.startswith(prefixes) for f in fs))
            print(f"  {name:<55} {c:5d} {100 * c / n:5.1f}%")


if __name__ == "__main__":
    main(sys.argv[1:])
