#!/bin/bash
# Paired: d7f595b (A) and the grouped gather (B), alternating, same settings as measure6.sh.
C=/tmp/s17/bench/syn10000000.txt
mkdir -p runs
for i in 1 2; do
 for v in A B; do
  L=/work/wt-ptb; [ $v = B ] && L=/work/main
  s=$(date +%s.%N)
  LMKIT_JAVA_OPTS=-Xmx3g /usr/bin/time -f "%e s wall %U user %S sys" -o t.$v.$i "$L/lmkit" train --quiet --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs" --train "$C" --out p$v.zip >/dev/null 2>&1
  echo "$v $i $(cat t.$v.$i)"
 done
done
