#!/bin/bash
# A/B on 10 M words, order 5, memory=$MEM (default 500m, so that every order spills as at 100 M with 4g):
# alternates the builds in the worktrees given ($@) $N times; prints user+sys CPU and wall of each run.
C=/tmp/s17/bench/syn10000000.txt; MEM=${MEM:-500m}; N=${N:-3}
for i in $(seq $N); do for W in "$@"; do
  rm -rf runs-ab; mkdir -p runs-ab
  LMKIT_JAVA_OPTS="-Xmx${XMX:-800m} $XOPTS" /usr/bin/time -f "%U %S %e" -o ab.time "$W/lmkit" train --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=$MEM --set tempDir="$PWD/runs-ab" --train "$C" --out ab-$(basename $W).zip > /dev/null 2> ab.err
  read u s e < ab.time; echo "$(basename $W) user $u sys $s cpu $(echo "$u+$s"|bc) wall $e $(unzip -p ab-$(basename $W).zip data/ngram/order-5.bin | md5sum | cut -c1-8)"
done; done
