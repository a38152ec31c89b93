#!/bin/bash
# 2026-12-01: after finish1b.sh (the unpruned 1 B-word model, its 8-bit copy, both scored), estimates the 1 B-word
# model again with prune="0 0 1" (lmplz's --prune thresholds: singleton 3-, 4- and 5-grams dropped), with
# checkpoints, then quantises it to 8 bits and scores it. Run from a clean worktree built at the commit to measure.
# The unpruned models are deleted first (their sizes, perplexities and stats are in runs.log and stats-*.txt):
# the pruned run's counting needs the ~55 GB of temporary disk the unpruned one took.
set -u
cd "$(dirname "$0")/../../../.."
B=/tmp/s17/bench
while pgrep -f finish1b.sh > /dev/null; do sleep 20; done
echo "queue24 start $(date -u +%T); df: $(df -h / | tail -1)" >> $B/queue24.log
# Scoring maps the model: the 19.8 GB one scored again with a 1 GiB heap.
LMKIT_JAVA_OPTS=-Xmx1g /usr/bin/time -v -o $B/eval-xmx1g.time ./lmkit eval --quiet --json \
  --model $B/lmkit-syn1000000000-8g.zip --test $B/heldout-sample.txt > $B/eval-xmx1g.json 2> $B/eval-xmx1g.err
echo "eval -Xmx1g rc $? $(date -u +%T): $(cat $B/eval-xmx1g.json)" >> $B/queue24.log
for m in lmkit-syn1000000000-8g lmkit-syn1000000000-8g-q8; do
  if [[ -s $B/eval-$m.json ]]; then ls -l $B/$m.zip >> $B/queue24.log; rm -f $B/$m.zip; fi
done
echo "deleted the unpruned models $(date -u +%T); df: $(df -h / | tail -1)" >> $B/queue24.log
CHECKPOINT=1 benchmarks/corpus-scale.sh $B lmkit $B/syn1000000000.txt 8g "0 0 1"
rc=$?
echo "pruned rc $rc $(date -u +%T); df: $(df -h / | tail -1)" >> $B/queue24.log
[[ $rc -eq 0 ]] || exit $rc
LMKIT_JAVA_OPTS=-Xmx12g benchmarks/corpus-scale.sh $B quantise $B/lmkit-syn1000000000-8g-prune001.zip 8
echo "quantised rc $? $(date -u +%T)" >> $B/queue24.log
