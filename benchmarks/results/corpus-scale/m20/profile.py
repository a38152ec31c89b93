#!/usr/bin/env python3
"""Self samples by method and line, all threads and per thread, from `jfr print --events jdk.ExecutionSample FILE`."""
import collections, re, sys
events = open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]
total = collections.Counter(); threads = collections.Counter(); per = collections.defaultdict(collections.Counter)
n = 0
for e in events:
    frames = re.findall(r'^\s+([\w.$<>]+)\(.*?line: (\d+)', e, re.M)
    if not frames:
        continue
    n += 1
    m = re.search(r'sampledThread = "([^"]*)"', e)
    t = re.sub(r'\d+', 'N', m.group(1) if m else '?')
    top = frames[0][0] + ':' + frames[0][1]
    total[top] += 1; threads[t] += 1; per[t][top] += 1
print(f"{n} samples")
for k, v in total.most_common(15):
    print(f"{100 * v / n:5.1f}% self {k}")
for t, c in threads.most_common(3):
    print(f"thread {t}: {c} samples ({100 * c / n:.1f}%)")
    for k, v in per[t].most_common(6):
        print(f"   {100 * v / c:5.1f}% {k}")
