#!/usr/bin/env python3
"""Writes passes.md: the pass times of the 1 B-word estimation in parts (lmkit-syn1000000000-8g.part1.err and
.part2.err, the second going on from the first's checkpoint) beside the stopped run of ef60359 (../1b/lmkit1b.err), from the progress lines both wrote, and when each order of
probabilities was done: the time of its table run in the checkpoint folder's listing (checkpoint-listing.txt,
`ls -la --time-style=+%T`), as the checkpoint after it was written then. Run from this folder:
./passes.py > passes.md"""
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

def clock(s):
    return f"{s // 60}:{s % 60:02d}"

started, new = passes("lmkit-syn1000000000-8g.part1.err")
_, second = passes("lmkit-syn1000000000-8g.part2.err")
_, old = passes("../1b/lmkit1b.err")
finished = {}
for line in open("checkpoint-listing.txt", encoding="utf-8"):
    m = re.search(r"(\d\d:\d\d:\d\d) table-p-(\d)-\d+\.run$", line.strip())
    if m:
        h, mi, se = map(int, m.group(1).split(":"))
        finished[int(m.group(2))] = (h if h >= 12 else h + 24) * 3600 + mi * 60 + se
print("| pass | 1 B words, part 1 (75c490f) | part 2, from part 1's checkpoint (f6bcc08) | 1 B words, ef60359 (stopped) |")
print("|---|---:|---:|---:|")
for name in started:
    again = second.get(name, "")
    if name in ("counting in sorted runs", "adjusted counts and discounts"):
        again = "from the checkpoint"
    elif name == "probabilities and backoffs":
        again = "from the checkpoint (5 of 5 orders)"
    print(f"| {name} | {new.get(name, 'not finished in part 1')} | {again} | {old.get(name, '')} |")
for k in sorted(finished):
    at = finished[k] % 86400
    took = f"{clock(finished[k] - finished[k - 1])}, " if k - 1 in finished else ""
    print(f"| probabilities: order {k} done | {took}at {at // 3600:02d}:{at % 3600 // 60:02d}:{at % 60:02d} |  |  |")
