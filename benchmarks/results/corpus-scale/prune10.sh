#!/bin/bash
# Issue 17's size-against-perplexity table on the largest model this machine can build (the 100 M-word synthetic
# corpus, order 5; the 1 B-word model does not fit its disk): the unpruned model of measure9.sh and models
# pruned as lmplz --prune prunes (thresholds per order, from the unigrams), each in the trie layout exact and
# quantised to 8-bit probabilities and backoffs; held-out perplexity on the synthetic held-out sample.
# Sizes and perplexities do not depend on the machine's load (this ran beside the PTB benchmark).
set -u
cd /work/m17/prune
L=/work/wt-17/lmkit
C=/tmp/s17/bench/syn100000000.txt
H=/tmp/s17/bench/heldout-sample.txt
LOG=prune10.log
echo "commit $(git -C /work/wt-17 rev-parse --short HEAD), started $(date -u +%FT%T)" >> $LOG
ln -sf /work/m17/lmkit100m.zip unpruned.zip
mkdir -p runs
for p in "0 0 1" "0 1 1"; do
  n="prune-${p// /}"
  echo "=== $n: $(date -u +%T)" >> $LOG
  LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v -o "$n.time" nice $L train --quiet --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs" --set prune="$p" --train "$C" --out "$n.zip" \
    > "$n.out" 2> "$n.err"
  echo "$n exit $?" >> $LOG
  grep -E 'Elapsed|Maximum resident' "$n.time" >> $LOG
done
for m in unpruned prune-001 prune-011; do
  echo "=== q8 $m: $(date -u +%T)" >> $LOG
  LMKIT_JAVA_OPTS=-Xmx12g /usr/bin/time -v -o "$m-q8.time" nice $L ngram convert --quiet --model "$m.zip" --out "$m-q8.zip" \
    --layout trie --quantize-prob 8 --quantize-backoff 8 > "$m-q8.out" 2> "$m-q8.err"
  echo "q8 $m exit $?" >> $LOG
  grep -E 'Elapsed|Maximum resident' "$m-q8.time" >> $LOG
done
for m in unpruned prune-001 prune-011 unpruned-q8 prune-001-q8 prune-011-q8; do
  ls -lL "$m.zip" >> $LOG
  $L ngram stats "$m.zip" > "stats-$m.txt" 2>&1
  nice $L eval --quiet --json --model "$m.zip" --test "$H" > "eval-$m.json" 2> "eval-$m.err"
  cat "eval-$m.json" >> $LOG
done
echo "DONE $(date -u +%T)" >> $LOG
