#!/bin/bash
# lmplz -o 5 -S 4G and lmkit (worktree $1, the launcher's own flags) alternating, lmplz first, $N times each,
# back to back on the same 100 M words; label $2.
W=$1; L=$2; N=${N:-2}; C=/tmp/s17/bench/syn100000000.txt; K=/work/shared/tools/kenlm/bin
: > $L.log
for i in $(seq $N); do
  rm -rf kenlm-tmp; mkdir -p kenlm-tmp
  echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
  ( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > $L-lmplz$i.arpa-bytes ) 2> $L-lmplz$i.err
  grep -E 'Elapsed|User time|System time|Maximum resident' $L-lmplz$i.err >> $L.log
  echo "=== lmkit $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
  ./run100.sh $W $L-lmkit$i; cat $L-lmkit$i.log >> $L.log
done
echo "DONE $(date -u +%T)" >> $L.log
