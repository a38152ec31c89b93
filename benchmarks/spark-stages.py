#!/usr/bin/env python3
"""Per-stage table of a Spark event log (spark.eventLog.enabled=true): for each completed stage, its name (the
call site, e.g. "sortByKey at ModelOutput.java:48"), its tasks, the bytes it wrote to and read from the shuffle,
its records and its run time, then the totals. Stages whose result was already computed (skipped) do not appear.

Usage: benchmarks/spark-stages.py EVENT_LOG   (a file, or Spark 4's eventlog_v2_* folder; .zstd files are read
through the zstd command, Spark's default compression)
"""
import json
import os
import subprocess
import sys


def event_lines(path):
    files = [path] if os.path.isfile(path) else sorted(
        os.path.join(path, f) for f in os.listdir(path) if f.startswith("events_"))
    for file in files:
        if file.endswith(".zstd"):
            text = subprocess.run(["zstd", "-dc", file], check=True, capture_output=True).stdout.decode("utf-8")
        else:
            with open(file, encoding="utf-8") as f:
                text = f.read()
        yield from text.splitlines()


def metric(stage, name):
    for acc in stage.get("Accumulables", []):
        if acc.get("Name") == name:
            return int(acc.get("Value", 0))
    return 0


def mib(n):
    return f"{n / 2**20:.1f}"


def main(path):
    rows = []
    for line in event_lines(path):
        event = json.loads(line)
        if event.get("Event") != "SparkListenerStageCompleted":
            continue
        s = event["Stage Info"]
        written = metric(s, "internal.metrics.shuffle.write.bytesWritten")
        read = metric(s, "internal.metrics.shuffle.read.remoteBytesRead") \
            + metric(s, "internal.metrics.shuffle.read.localBytesRead")
        records = metric(s, "internal.metrics.shuffle.write.recordsWritten")
        seconds = (s.get("Completion Time", 0) - s.get("Submission Time", 0)) / 1000
        rows.append((s["Stage ID"], s["Stage Name"], s["Number of Tasks"], written, read, records, seconds))
    print("| stage | call site | tasks | shuffle write MiB | shuffle read MiB | records written | seconds |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {mib(r[3])} | {mib(r[4])} | {r[5]:,} | {r[6]:.1f} |")
    print(f"| all | {len(rows)} stages | {sum(r[2] for r in rows)} | {mib(sum(r[3] for r in rows))}"
          f" | {mib(sum(r[4] for r in rows))} | {sum(r[5] for r in rows):,} | {sum(r[6] for r in rows):.1f} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
