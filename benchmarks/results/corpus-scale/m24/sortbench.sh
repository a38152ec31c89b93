#!/bin/bash
# SortBuffer.drain (the radix sort and the in-order read) of 8 M records of a 5-word key and a 2-int payload,
# before (8-bit digits, the worktree OLD) and after (11-bit digits, NEW), alternating; best of 3 drains a run.
# Each worktree built with mvn -B -ntp -DskipTests package. Usage: sortbench.sh OLD NEW > sortbench.log
set -eu
OLD=$1; NEW=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/io/lmkit/ngram/spill" && cp "$here/SortBench.java" "$tmp/src/io/lmkit/ngram/spill/"
for w in OLD NEW; do
  dir=${!w}; mkdir -p "$tmp/$w"
  javac -d "$tmp/$w" -cp "$dir/lm-ngram/target/classes" "$tmp/src/io/lmkit/ngram/spill/SortBench.java"
done
echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg); OLD $(git -C "$OLD" rev-parse --short HEAD), NEW $(git -C "$NEW" rev-parse --short HEAD)"
for order in SUFFIX CONTEXT; do
  for round in 1 2; do
    for w in OLD NEW; do
      dir=${!w}
      echo "$order $w: $(java -Xmx3g -cp "$tmp/$w:$dir/lm-ngram/target/classes" io.lmkit.ngram.spill.SortBench 8000000 3 $order | tail -1)"
    done
  done
done
