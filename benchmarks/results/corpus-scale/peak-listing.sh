#!/bin/bash
# Which runs are on disk at the peak: the 10 M-word estimation (commit 898ada9, coded runs), the listing of the
# temporary folder saved each time its size reaches a new maximum (sampled every second).
cd /work/m17
max=0
( while true; do s=$(du -sk runs13p 2>/dev/null | cut -f1); if [[ ${s:-0} -gt $max ]]; then max=$s; { echo "$s KiB $(date -u +%T)"; ls -lR runs13p; } > peak-listing.txt; fi; sleep 1; done ) & D=$!
LMKIT_JAVA_OPTS=-Xmx1700m /work/wt-fw/lmkit train --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs13p" --train /tmp/s17/bench/syn10000000.txt --out peak.zip > peak.out 2> peak.err
kill $D
