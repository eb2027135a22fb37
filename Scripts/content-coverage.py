#!/usr/bin/env python3
"""Writes Docs/content-coverage.md from the research criteria and the questionnaires' `criteria` keys.

    Scripts/content-coverage.py [PATH-TO-domain-criteria.md]

The research file defaults to ../shared/research/domain-criteria.md beside the repository.
ContentCoverageTests checks that the page agrees with the questionnaires.
"""
import glob
import os
import re
import sys

import yaml  # PyYAML

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
research = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "research", "domain-criteria.md")

criteria, order = {}, []
for line in open(research, encoding="utf-8"):
    m = re.match(r"\|\s*((CP|CH|BM|PR|XC)-\d\d)\s*\|.*\|\s*(★?)\s*\|\s*$", line)
    if m:
        criteria[m.group(1)] = m.group(3) == "★"
        order.append(m.group(1))

cover = {c: [] for c in criteria}
for path in sorted(glob.glob(os.path.join(root, "Questionnaires", "*.yaml"))):
    questionnaire = yaml.load(open(path, encoding="utf-8"), Loader=yaml.BaseLoader)
    for section in questionnaire["sections"]:
        for item in section["items"]:
            for criterion in item.get("criteria", []):
                cover.setdefault(criterion, []).append((item["id"], item.get("critical") == "true"))

areas = [
    ("CP", "National crime-prevention and criminal-justice strategies", "crime-prevention-strategy"),
    ("CH", "Child protection", "child-protection"),
    ("BM", "Border management", "border-management"),
    ("PR", "Prisoners with special needs", "prisoners-special-needs"),
    ("XC", "Cross-cutting: integrating measures against violence against migrants", "vam-integration"),
]
out = [
    "# Content coverage",
    "",
    "Every criterion of the research file (`domain-criteria.md`) and the questionnaire items that cover it. Items name "
    "the criteria they cover in their `criteria:` key; `Scripts/content-coverage.py` writes this page from those keys. "
    "★ marks a critical safeguard; every ★ criterion has at least one item marked `critical: true`.",
    "",
    "| area | questionnaire | criteria covered |",
    "|---|---|---|",
]
for prefix, title, qid in areas:
    ids = [c for c in order if c.startswith(prefix + "-")]
    covered = [c for c in ids if cover[c]]
    out.append(f"| {title} | `{qid}` | {len(covered)} of {len(ids)} ({round(100 * len(covered) / len(ids))} %) |")
out.append("")
for prefix, title, qid in areas:
    out += [f"## {title} (`{qid}`)", "", "| criterion | ★ | items | critical item |", "|---|---|---|---|"]
    for c in [c for c in order if c.startswith(prefix + "-")]:
        items = cover[c]
        listed = ", ".join(f"`{i}`" for i, _ in items) or "not covered"
        critical = ("yes" if any(k for _, k in items) else "NO") if criteria[c] else ""
        out.append(f"| {c} | {'★' if criteria[c] else ''} | {listed} | {critical} |")
    out.append("")
open(os.path.join(root, "Docs", "content-coverage.md"), "w", encoding="utf-8").write("\n".join(out))
