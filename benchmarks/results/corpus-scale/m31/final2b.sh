#!/bin/bash
# 2026-12-02 (m31): final2.sh's last step again (its first try read the suggested memory= wrongly): the machine
# of 2 GiB as the launcher is told it, with the memory= that final2-2g-560m's message names.
L=final2
m=$(grep -o "memory=[0-9]*m at least" $L-2g-560m.err | head -1 | sed "s/memory=\([0-9]*m\) at least/\1/")
echo "=== lmkit LMKIT_RAM_MB=2048 memory=$m $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L.log
LMKIT_RAM_MB=2048 MEM=$m XMX=none ./run100x.sh /work/m31/final2 $L-2g-$m; cat $L-2g-$m.log >> $L.log
grep "^[0-9:]* lmkit:" $L-2g-$m.err >> $L.log
echo "DONE $(date -u +%T)" >> $L.log
