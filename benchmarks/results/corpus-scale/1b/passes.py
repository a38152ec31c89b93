#!/usr/bin/env python3
"""Writes passes.md: the pass times of the 1 B-word estimation (lmkit1b.err) beside the 100 M-word one's
(../lmkit100m-15.err), from the progress lines both wrote. Run from this folder: ./passes.py > passes.md"""
import re

def passes(path):
    done = {}
    started = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"(?:modified-kneser-ney )?(.+?): (started|done)(?:, [0-9,]+ \w+)? ?(?:in (\d+:\d\d(?::\d\d)?))?", line)
        if not m:
            continue
        name = re.sub(r" syn\d+\.txt$", "", m.group(1))
        name = {"counting words of": "counting words (the vocabulary)", "reading": "reading the corpus"}.get(name, name)
        if m.group(2) == "started":
            started.append(name)
        elif m.group(3):
            done[name] = m.group(3)
    return started, done

def seconds(t):
    s = 0
    for part in t.split(":"):
        s = s * 60 + int(part)
    return s

started, big = passes("lmkit1b.err")
_, small = passes("../lmkit100m-15.err")
print("| pass | 1 B words | 100 M words (`measure15.sh`) | ratio |")
print("|---|---:|---:|---:|")
for name in started:
    b = big.get(name, "stopped before its end")
    s = small.get(name, "")
    ratio = f"{seconds(big[name]) / seconds(small[name]):.1f}×" if name in big and name in small else ""
    print(f"| {name} | {b} | {s} | {ratio} |")
