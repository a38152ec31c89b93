#!/bin/bash
# Session 14: after the 1 B-word synth (af170e5), lmplz -o 5 -S 8G on it (ARPA piped to wc -c).
cd /work/wt-conv
while pgrep -f "data synth --model mkn5.zip --tokens 1000000000" >/dev/null; do sleep 10; done
echo "synth ended $(date -u +%T)"; ls -l /tmp/s17/bench/syn1000000000.txt
benchmarks/corpus-scale.sh /tmp/s17/bench lmplz /tmp/s17/bench/syn1000000000.txt 8G
echo "lmplz rc $? $(date -u +%T)"
