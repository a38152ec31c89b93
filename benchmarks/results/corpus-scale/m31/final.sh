#!/bin/bash
# 2026-12-02 (m31): lmplz -o 5 -S 4G and lmkit (worktree final, the launcher's own heap: no LMKIT_JAVA_OPTS)
# alternating, lmplz first, $N times, on the same 100 M words; each lmkit run sampled by threads.py; then one
# lmkit run with memory=1g, the launcher's heap again, with a GC log.
N=${N:-2}; C=/tmp/s17/bench/syn100000000.txt; K=/work/shared/tools/kenlm/bin; L=final
: > $L.log
for i in $(seq $N); do
  rm -rf kenlm-tmp; mkdir -p kenlm-tmp
  echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
  ( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > $L-lmplz$i.arpa-bytes ) 2> $L-lmplz$i.err
  grep -E 'Elapsed|User time|System time|Maximum resident' $L-lmplz$i.err >> $L.log
  echo "=== lmkit $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
  ./threads.py $L-lmkit$i.threads & S=$!; XMX=none ./run100x.sh /work/m31/final $L-lmkit$i; wait $S; cat $L-lmkit$i.log >> $L.log
done
echo "=== lmkit memory=1g $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
./threads.py $L-1g.threads & S=$!; MEM=1g XMX=none XOPTS="-Xlog:gc:file=$PWD/$L-1g.gc" ./run100x.sh /work/m31/final $L-1g; wait $S
cat $L-1g.log >> $L.log
echo "DONE $(date -u +%T)" >> $L.log
