#!/bin/bash
# Counting and discounts only (SortedCountsRun), 100 M words, order 5, 3880m (memory=4g less the corpus), with
# and without a cap on the highest order's counting sorter (-Dlmkit.countCap), alternating.
cd /work/m17/m27
J=/work/wt-27/benchmarks/target/benchmarks.jar
for r in A B A B; do
  rm -rf runs; mkdir runs
  if [[ $r == B ]]; then CAP=-Dlmkit.countCap=536870912; else CAP=; fi
  echo "=== $r $CAP $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e s wall %U user %S sys %M KiB" java -Xmx4300m $CAP -cp $J io.lmkit.benchmarks.SortedCountsRun /tmp/s17/bench/syn100000000.txt 5 3880m runs 2>&1 | grep -v "D1=\|StatusLogger\|logging provider"
done
