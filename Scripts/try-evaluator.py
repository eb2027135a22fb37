#!/usr/bin/env python3
"""Talks to an evaluator module the way assess does, and prints what it answers.

    Scripts/try-evaluator.py REQUEST.json -- PROGRAM [ARGUMENT ...]

Sends hello, one evaluate with the request in REQUEST.json (the body of an `evaluate` message,
see Docs/evaluator-protocol.md), then shutdown; prints each reply as indented JSON on stdout and
the module's stderr after it. Exits 0 when the module answered helloResult and evaluateResult and
then exited with status 0; 1 otherwise. Standard library only.

The output rules the toolkit enforces (known items, severities, horizons, components, actors, no
empty texts, unique ids) are checked too, and each broken rule is printed. For timeouts, size
limits and the scrubbed environment, run the module through assess itself.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

SEVERITIES = {"critical", "high", "medium", "low", "info"}
HORIZONS = {"short", "medium", "long"}
COMPONENTS = {"data-research", "prevention", "legislation-operations", "assistance-protection",
              "accountability", "international-cooperation"}
ACTORS = {"police", "border-guards", "coastguard", "immigration", "customs", "child-protection",
          "prosecutors", "judiciary", "prisons", "consulates", "ngos", "labour-inspection",
          "ministries", "legislature", "health", "nhri"}


def send(pipe, message):
    payload = json.dumps(message).encode("utf-8")
    pipe.write(struct.pack("<Q", len(payload)) + payload)
    pipe.flush()


def receive(pipe):
    header = pipe.read(8)
    if len(header) < 8:
        return None
    (length,) = struct.unpack("<Q", header)
    if length > 16 * 1024 * 1024:
        raise SystemExit(f"the module announced a {length}-byte message (text on stdout?): {header!r}")
    return json.loads(pipe.read(length).decode("utf-8"), parse_constant=reject_constant)


def reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def check(result, request):
    items = {item["id"] for item in request["items"]}
    problems, seen = [], set()
    for finding in result.get("findings", []):
        fid = finding.get("id", "")
        if not fid or fid in seen:
            problems.append(f"finding id {fid!r} is empty or used twice")
        seen.add(fid)
        problems += [f"{fid}: unknown item {i}" for i in finding.get("items", []) if i not in items]
        rec = finding.get("recommendation", {})
        if finding.get("severity") not in SEVERITIES:
            problems.append(f"{fid}: severity {finding.get('severity')!r}")
        if rec.get("horizon") not in HORIZONS:
            problems.append(f"{fid}: horizon {rec.get('horizon')!r}")
        if rec.get("component") not in COMPONENTS:
            problems.append(f"{fid}: component {rec.get('component')!r}")
        if not rec.get("actors"):
            problems.append(f"{fid}: no actor")
        problems += [f"{fid}: actor {a!r} is not built in" for a in rec.get("actors", []) if a not in ACTORS]
        texts = [finding.get("title"), finding.get("summary"), finding.get("why"), rec.get("title")]
        if not all(t and t.strip() for t in texts + (rec.get("actions") or [None])):
            problems.append(f"{fid}: an empty title, summary, why or action")
    return problems


def main(argv):
    if "--" not in argv or argv.index("--") != 2:
        raise SystemExit(__doc__)
    with open(argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    workdir = tempfile.mkdtemp(prefix="try-evaluator-")
    environment = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": workdir,
                   "ASSESS_PROTOCOL_VERSIONS": "1"}
    program = [os.path.abspath(argv[3])] + argv[4:]
    child = subprocess.Popen(program, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=workdir, env=environment)
    ok = True
    send(child.stdin, {"hello": {"protocolVersions": [1], "toolkitVersion": "try-evaluator"}})
    hello = receive(child.stdout)
    print(json.dumps(hello, indent=2, ensure_ascii=False))
    if not hello or "helloResult" not in hello:
        ok = False
    else:
        send(child.stdin, {"evaluate": request})
        reply = receive(child.stdout)
        print(json.dumps(reply, indent=2, ensure_ascii=False))
        if not reply or "evaluateResult" not in reply:
            ok = False
        else:
            result = reply["evaluateResult"]
            if result.get("requestId") != request["requestId"]:
                print(f"wrong requestId {result.get('requestId')!r}", file=sys.stderr)
                ok = False
            for problem in check(result, request):
                print(f"output rule broken: {problem}", file=sys.stderr)
                ok = False
        send(child.stdin, {"shutdown": {}})
    child.stdin.close()
    try:
        status = child.wait(timeout=2)
    except subprocess.TimeoutExpired:
        child.kill()
        status = "killed after 2 s"
    log = child.stderr.read().decode("utf-8", "replace")
    if log:
        print("--- stderr of the module ---\n" + log, file=sys.stderr, end="")
    if status != 0:
        print(f"the module ended with status {status}", file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
