#!/bin/bash
# Bounded-memory estimation before and after the tables were written in trie order to mapped files instead of the
# heap (2026-11-30), back to back on the 10 M-word corpus (order 5, memory=1g, -Xmx1700m as the README says).
# Run from a scratch folder; OLD and NEW are two lmkit checkouts, built. Background jobs stopped meanwhile.
set -u
C=/tmp/s17/bench/syn10000000.txt
LOG=measure8.log
mkdir -p runs
run_lmkit() { # label checkout
  { echo "=== $1 ($(git -C "$2" rev-parse --short HEAD)): load before"; uptime; } >> $LOG
  LMKIT_JAVA_OPTS=-Xmx1700m /usr/bin/time -v "$2/lmkit" train --quiet --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs" --train "$C" --out "$1.zip" \
    > "$1.out" 2> "$1.err"
  echo "$1 exit $?" >> $LOG
  grep -E 'Elapsed|Maximum resident|User time|System time' "$1.err" >> $LOG
  echo "files left in tempDir: $(ls -A runs | wc -l)" >> $LOG
  ls -l "$1.zip" >> $LOG
  "$2/lmkit" eval --quiet --json --model "$1.zip" --test /tmp/s17/bench/heldout-sample.txt > "eval-$1.json"
  cat "eval-$1.json" >> $LOG
}
run_lmkit lmkit10m-heap "$OLD"
run_lmkit lmkit10m-trie "$NEW"
{ echo "=== load after"; uptime; } >> $LOG
echo DONE >> $LOG
