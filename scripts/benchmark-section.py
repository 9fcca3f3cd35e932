#!/usr/bin/env python3
"""Replaces one section of docs/benchmarks.md (from its "## " heading to the next) with a new one, or appends it.

Usage: benchmark-section.py DOC SECTION_FILE "## Heading"
Every benchmark command writes its own section this way and leaves the others alone.
"""
import sys

doc, section_file, heading = sys.argv[1:4]
try:
    text = open(doc, encoding="utf-8").read()
except FileNotFoundError:
    text = ("# Benchmarks\n\nMeasured figures for DawaLedger, one section per benchmark; each section names the"
            " command that\nwrites it, and rerunning that command replaces only its own section.\n")
section = open(section_file, encoding="utf-8").read().rstrip("\n") + "\n"
lines = text.splitlines(keepends=True)
start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == heading), None)
if start is None:
    text = text.rstrip("\n") + "\n\n" + section
else:
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    rest = "".join(lines[end:])
    text = "".join(lines[:start]) + section + ("\n" + rest if rest else "")
open(doc, "w", encoding="utf-8").write(text)
