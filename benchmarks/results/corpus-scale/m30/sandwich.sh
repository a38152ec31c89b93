#!/bin/bash
# lmplz -o 5 -S 4G, lmkit (worktree $1) with -XX:+UseTransparentHugePages, lmkit without, lmplz again: back to
# back on the same 100 M words; label $2.
W=$1; L=$2; C=/tmp/s17/bench/syn100000000.txt; K=/work/shared/tools/kenlm/bin
lmplz() { rm -rf kenlm-tmp; mkdir -p kenlm-tmp
  echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
  ( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > $L-lmplz$1.arpa-bytes ) 2> $L-lmplz$1.err
  grep -E 'Elapsed|User time|System time|Maximum resident' $L-lmplz$1.err >> $L.log; }
: > $L.log
lmplz 1
echo "=== lmkit THP $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
XOPTS=-XX:+UseTransparentHugePages ./run100.sh $W $L-lmkit-thp; cat $L-lmkit-thp.log >> $L.log
echo "=== lmkit $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
./run100.sh $W $L-lmkit; cat $L-lmkit.log >> $L.log
lmplz 2
echo "DONE $(date -u +%T)" >> $L.log
