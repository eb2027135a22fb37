#!/usr/bin/env python3
"""Evaluator module org.example.unanswered-critical (protocol 1, standard library only).

Raises a finding for every critical safeguard answered "don't know" or left unanswered (it cannot
be assessed, so the section's level is not trustworthy), and one finding listing the other items
answered "don't know", recommending in each case to collect the evidence from whoever holds it.
The protocol is described in Docs/evaluator-protocol.md.
"""
import json
import struct
import sys

MODULE = {"id": "org.example.unanswered-critical", "version": "0.1.0"}
SPOKEN = [1]


def read_message(stream):
    header = stream.read(8)
    if len(header) < 8:
        return None  # end of input: the host has gone
    (length,) = struct.unpack("<Q", header)
    return json.loads(stream.read(length).decode("utf-8"))


def write_message(stream, message):
    payload = json.dumps(message, ensure_ascii=False, sort_keys=True).encode("utf-8")
    stream.write(struct.pack("<Q", len(payload)) + payload)
    stream.flush()


def plural(count, one, many):
    return one if count == 1 else many


def listing(ids):
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def evaluate(request):
    findings = []
    for item in request["items"]:
        if not item["critical"] or item["status"] not in ("dont-know", "unanswered"):
            continue
        how = "answered \"don't know\"" if item["status"] == "dont-know" else "left unanswered"
        findings.append({
            "id": "UC-" + item["id"],
            "title": f"Critical safeguard {item['id']} cannot be assessed",
            "severity": "high",
            "items": [item["id"]],
            "summary": f"Critical item {item['id']} (section {item['section']}) was {how}.",
            "why": ("A critical safeguard that cannot be assessed may be missing altogether; until it is "
                    "answered, the maturity of its section cannot be trusted."),
            "recommendation": {
                "title": f"Collect the evidence for {item['id']} before the report is finalised",
                "actions": [
                    f"Find out which agency holds the records for {item['id']} and ask it for the answer "
                    "and the documents that support it.",
                    f"Record the answer and its evidence for {item['id']} in the answers file and re-run "
                    "the assessment.",
                ],
                "actors": ["ministries"],
                "horizon": "short",
                "component": "data-research",
                "references": [],
            },
        })
    unknown = [item["id"] for item in request["items"]
               if not item["critical"] and item["status"] == "dont-know"]
    if unknown:
        findings.append({
            "id": "UC-dont-know",
            "title": f"{len(unknown)} {plural(len(unknown), 'answer is', 'answers are')} \"don't know\"",
            "severity": "low",
            "items": unknown,
            "summary": (f"{listing(unknown)} {plural(len(unknown), 'was', 'were')} answered \"don't know\" "
                        f"by this respondent ({request['respondent'].get('agency') or request['respondent']['country']})."),
            "why": ("Items answered \"don't know\" drop out of their section's score and may hide a gap that no "
                    "recommendation covers; another agency usually holds the answer."),
            "recommendation": {
                "title": "Ask the agencies that hold the missing figures and facts",
                "actions": [
                    f"List who holds the information for {listing(unknown)} and request it in writing.",
                    "Add the answers, with their sources, before the consensus workshop.",
                ],
                "actors": ["ministries"],
                "horizon": "short",
                "component": "data-research",
                "references": [],
            },
        })
    return findings


def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol channel
    while True:
        message = read_message(stdin)
        if message is None or "shutdown" in message:
            return 0
        if "hello" in message:
            common = set(message["hello"]["protocolVersions"]) & set(SPOKEN)
            if not common:
                write_message(stdout, {"helloError": {
                    "message": f"{MODULE['id']} speaks protocol {SPOKEN}", "supportedVersions": SPOKEN}})
                return 0
            write_message(stdout, {"helloResult": {"protocolVersion": max(common), "module": MODULE}})
        elif "evaluate" in message:
            request = message["evaluate"]
            try:
                reply = {"evaluateResult": {"requestId": request["requestId"], "findings": evaluate(request)}}
            except Exception as error:  # our own content problem: report it and carry on
                reply = {"evaluateError": {"requestId": request["requestId"], "message": str(error)}}
            write_message(stdout, reply)
        else:
            print(f"unknown message {list(message)}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
