"""Misbehaving evaluator modules for EvaluatorHostTests. Each module folder runs
`bin/fault MODE`; MODE picks the misbehaviour. Standard library only."""
import json
import os
import signal
import struct
import subprocess
import sys

STDIN, STDOUT = sys.stdin.buffer, sys.stdout.buffer


def read():
    header = STDIN.read(8)
    if len(header) < 8:
        sys.exit(0)
    (length,) = struct.unpack("<Q", header)
    return json.loads(STDIN.read(length))


def write_raw(data):
    STDOUT.write(data)
    STDOUT.flush()


def frame(payload):
    return struct.pack("<Q", len(payload)) + payload


def send(message):
    write_raw(frame(json.dumps(message).encode()))


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def hang():
    while True:
        signal.pause()


def finding(id, items=(), severity="info", summary="ok", **extra):
    result = {
        "id": id, "title": "Fault module finding", "severity": severity, "items": list(items),
        "summary": summary, "why": "Fixture.",
        "recommendation": {
            "title": "Nothing to do", "actions": ["Nothing."], "actors": ["ministries"],
            "horizon": "short", "component": "data-research", "references": [],
        },
    }
    result.update(extra)
    return result


def main(mode, module_id):
    if mode == "crash-at-start":
        log("fault: crashing before the handshake")
        sys.exit(3)
    if mode == "stdout-before-hello":
        write_raw(b"Starting the fault module...\n")

    hello = read()["hello"]
    if mode == "hang-on-hello":
        hang()
    if mode == "protocol-99":
        send({"helloError": {"message": "speaks 99 only", "supportedVersions": [99]}})
        sys.exit(0)
    if mode == "garbage-stdout":
        write_raw(bytes(range(200, 256)) * 4)
        hang()
    version = 99 if mode == "choose-99" else max(hello["protocolVersions"])
    identity = "org.test.someone-else" if mode == "wrong-id" else module_id
    send({"helloResult": {"protocolVersion": version, "module": {"id": identity, "version": "1.0.0"}}})

    count = 0
    while True:
        message = read()
        if "shutdown" in message:
            if mode == "ignore-shutdown":
                hang()
            sys.exit(0)
        request = message["evaluate"]
        rid = request["requestId"]
        count += 1
        first_item = request["items"][0]["id"] if request.get("items") else None
        if mode == "crash-mid-request":
            log("fault: crashing in the middle of a request")
            os.kill(os.getpid(), signal.SIGSEGV)
        elif mode == "exit-mid-request":
            sys.exit(0)
        elif mode == "hang-on-evaluate":
            hang()
        elif mode == "hang-with-grandchild":
            child = subprocess.Popen(["sleep", "600"], stdout=subprocess.DEVNULL)
            log(f"grandchild={child.pid}")
            hang()
        elif mode == "garbage-frame":
            write_raw(frame(b"this is not JSON {"))
        elif mode == "huge-output":
            write_raw(struct.pack("<Q", 100 * 1024 * 1024))
            block = b"x" * (1024 * 1024)
            for _ in range(100):
                write_raw(block)
            hang()
        elif mode == "announce-4gb":
            write_raw(struct.pack("<Q", 4 * 1024 * 1024 * 1024))
            hang()
        elif mode == "wrong-request-id":
            send({"evaluateResult": {"requestId": rid + "-other", "findings": []}})
        elif mode == "unknown-item":
            send({"evaluateResult": {"requestId": rid, "findings": [finding("F1", items=["BM-Z.99"])]}})
        elif mode == "nan":
            payload = json.dumps({"evaluateResult": {"requestId": rid, "findings": [finding("F1")]}})
            write_raw(frame(payload.replace('"summary": "ok"', '"summary": "ok", "confidence": NaN').encode()))
        elif mode == "bad-severity":
            send({"evaluateResult": {"requestId": rid, "findings": [finding("F1", severity="urgent")]}})
        elif mode == "error-then-ok":
            if count == 1:
                send({"evaluateError": {"requestId": rid, "message": "cannot read answer BM-A.1"}})
            else:
                send({"evaluateResult": {"requestId": rid, "findings": [finding("F1", items=[first_item])]}})
        elif mode == "stderr-flood":
            sys.stderr.write("noise " * 200_000 + "\n")
            sys.stderr.flush()
            send({"evaluateResult": {"requestId": rid, "findings": []}})
        elif mode == "environment":
            report = {"env": dict(os.environ), "cwd": os.getcwd(), "entries": sorted(os.listdir(".")),
                      "argv": sys.argv[1:], "pgid_is_pid": os.getpgid(0) == os.getpid()}
            send({"evaluateResult": {"requestId": rid, "findings": [finding("ENV", summary=json.dumps(report))]}})
        else:  # "ok", "ignore-shutdown": one finding naming this process and the request count
            send({"evaluateResult": {"requestId": rid, "findings": [
                finding(f"P{os.getpid()}", items=[first_item] if first_item else [], summary=f"request {count}")]}})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
