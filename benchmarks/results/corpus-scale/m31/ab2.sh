#!/bin/bash
# A/B on 100 M words, memory=4g, alternating $N times: A = worktree base (72a5528) as documented (-Xmx4300m),
# B = worktree new, the launcher sizing the heap from memory= (no LMKIT_JAVA_OPTS); each sampled by threads.py.
N=${N:-2}
for i in $(seq $N); do
  echo "=== A$i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> ab2.log
  ./threads.py ab2-A$i.threads & S=$!; ./run100x.sh /work/m31/base ab2-A$i; wait $S; cat ab2-A$i.log >> ab2.log
  echo "=== B$i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> ab2.log
  ./threads.py ab2-B$i.threads & S=$!; XMX=none ./run100x.sh /work/m31/new ab2-B$i; wait $S; cat ab2-B$i.log >> ab2.log
done
echo "DONE $(date -u +%T)" >> ab2.log
