#!/bin/bash
# lmplz -o 5 -S 4G, lmkit (worktree $1, its launcher's own flags), lmkit (worktree $2, with
# -XX:+UseTransparentHugePages), lmplz again: back to back on the same 100 M words; label $3.
A=$1; B=$2; L=$3; C=/tmp/s17/bench/syn100000000.txt; K=/work/shared/tools/kenlm/bin
lmplz() { rm -rf kenlm-tmp; mkdir -p kenlm-tmp
  echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
  ( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > $L-lmplz$1.arpa-bytes ) 2> $L-lmplz$1.err
  grep -E 'Elapsed|User time|System time|Maximum resident' $L-lmplz$1.err >> $L.log; }
: > $L.log
lmplz 1
echo "=== lmkit A $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
./run100.sh $A $L-lmkit-a; cat $L-lmkit-a.log >> $L.log
echo "=== lmkit B $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
XOPTS=-XX:+UseTransparentHugePages ./run100.sh $B $L-lmkit-b; cat $L-lmkit-b.log >> $L.log
lmplz 2
echo "DONE $(date -u +%T)" >> $L.log
