#!/bin/bash
# 2026-12-01: a JFR profile of lmkit (wt-24, 1a90c0e) on 100 M words, memory=4g, quiet machine; progress lines timestamped.
cd /work/m17/m25
rm -rf runs; mkdir runs
LMKIT_JAVA_OPTS="-Xmx4300m -XX:StartFlightRecording=filename=prof100m.jfr,settings=profile" /usr/bin/time -v /work/wt-24/lmkit train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs" --train /tmp/s17/bench/syn100000000.txt --out prof100m.zip \
  2>&1 > prof100m.out | while IFS= read -r l; do echo "$(date -u +%T) $l"; done > prof100m.err
echo DONE >> prof100m.err
