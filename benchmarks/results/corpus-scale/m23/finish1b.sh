#!/bin/bash
# For the session after 2026-11-30 (night): goes on with the 1 B-word lmkit run from its checkpoint, then
# quantises the model to 8 bits and scores it. Run from a clean worktree built at the commit to measure
# (mvn -B -ntp -DskipTests package), with the corpus and checkpoint of measure23.sh in /tmp/s17/bench:
#   benchmarks/results/corpus-scale/m23/finish1b.sh
# Each part is timed and logged on its own by corpus-scale.sh (runs.log: lmkit-syn1000000000-8g.partN).
set -u
cd "$(dirname "$0")/../../../.."
B=/tmp/s17/bench
[[ -f $B/checkpoint-lmkit-syn1000000000-8g/checkpoint.lmkit ]] || echo "no checkpoint: the run starts over" >&2
echo "part start $(date -u +%T); df: $(df -h / | tail -1)" >> $B/finish1b.log
CHECKPOINT=1 benchmarks/corpus-scale.sh $B lmkit $B/syn1000000000.txt 8g
rc=$?
echo "part rc $rc $(date -u +%T); df: $(df -h / | tail -1)" >> $B/finish1b.log
[[ $rc -eq 0 ]] || exit $rc
ls -l $B/lmkit-syn1000000000-8g.zip >> $B/finish1b.log
LMKIT_JAVA_OPTS=-Xmx12g benchmarks/corpus-scale.sh $B quantise $B/lmkit-syn1000000000-8g.zip 8
echo "quantised rc $? $(date -u +%T)" >> $B/finish1b.log
