#!/bin/bash
# 2026-12-02 (m31): 668c39b on this 24 GiB machine, whose default heap (6 GiB) holds memory=4g, so the launcher
# gives no -Xmx, only -XX:MinHeapFreeRatio=10: lmkit memory=4g then lmplz, back to back; then a machine of
# 2 GiB as the launcher is told it (LMKIT_RAM_MB=2048: a default heap of 512 MB) with memory=560m, which the
# reading of the 100 M words runs out of, and with the memory= its message names.
C=/tmp/s17/bench/syn100000000.txt; K=/work/shared/tools/kenlm/bin; L=final2
: > $L.log
echo "=== lmkit $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
./threads.py $L-lmkit.threads & S=$!; XMX=none ./run100x.sh /work/m31/final2 $L-lmkit; wait $S; cat $L-lmkit.log >> $L.log
rm -rf kenlm-tmp; mkdir -p kenlm-tmp
echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > $L-lmplz.arpa-bytes ) 2> $L-lmplz.err
grep -E 'Elapsed|User time|System time|Maximum resident' $L-lmplz.err >> $L.log
for m in 560m SUGGESTED; do
  if [[ $m == SUGGESTED ]]; then m=$(grep -o "memory=[0-9]*m at least" $L-2g-560m.err | head -1 | sed "s/memory=\([0-9]*m\) at least/\1/"); fi
  echo "=== lmkit LMKIT_RAM_MB=2048 memory=$m $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
  LMKIT_RAM_MB=2048 MEM=$m XMX=none ./run100x.sh /work/m31/final2 $L-2g-$m; cat $L-2g-$m.log >> $L.log
  grep "^[0-9:]* lmkit:" $L-2g-$m.err >> $L.log
done
echo "DONE $(date -u +%T)" >> $L.log
