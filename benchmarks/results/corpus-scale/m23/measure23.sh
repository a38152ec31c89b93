#!/bin/bash
# Session 14. Waits for the 1 B-word lmplz run (corpus-scale.sh, af170e5) to end, then on the quiet machine:
# 1. 10 M words, memory=1g, order 5: old (wt-conv, af170e5: the tables sorted into trie order after the
#    probabilities) and new (wt-new, c120e4c: the backoff sort gives trie order, no table sort), alternating
#    old/new/new/old; the models compared entry by entry.
# 2. The 1 B-word lmkit run with checkpoints (CHECKPOINT=1 corpus-scale.sh ... 8g) from wt-new, which the
#    session's end will stop; the next session runs the same command to go on.
set -u
cd /work/m17/m23
LOG=measure23.log
while pgrep -f "corpus-scale.sh /tmp/s17/bench lmplz" > /dev/null; do sleep 10; done
echo "lmplz ended $(date -u +%T); load $(cut -d' ' -f1-3 /proc/loadavg)" >> $LOG
run() { # label worktree
  rm -rf runs-$1 && mkdir runs-$1
  echo "$1 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $LOG
  /usr/bin/time -v /work/$2/lmkit train --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz --set memory=1g --set tempDir=/work/m17/m23/runs-$1 --train /tmp/s17/bench/syn10000000.txt --out /work/m17/m23/$1.zip > $1.out 2> $1.err
  echo "$1 rc $? $(grep -E 'Elapsed' $1.err) $(grep -E 'User time' $1.err)" >> $LOG
  grep "done in\|done, " $1.err | grep -v "counting words\|reading" >> $LOG
}
run old-a wt-conv; run new-a wt-new; run new-b wt-new; run old-b wt-conv
for e in $(unzip -Z1 old-a.zip); do
  if ! cmp -s <(unzip -p old-a.zip "$e") <(unzip -p new-a.zip "$e"); then echo "entry differs: $e" >> $LOG; fi
done
echo "compared $(unzip -Z1 old-a.zip | wc -l) entries $(date -u +%T)" >> $LOG
rm -f old-b.zip new-b.zip; rm -rf runs-*
echo "1B start $(date -u +%T); df: $(df -h / | tail -1)" >> $LOG
cd /work/wt-new && CHECKPOINT=1 benchmarks/corpus-scale.sh /tmp/s17/bench lmkit /tmp/s17/bench/syn1000000000.txt 8g
echo "1B part ended rc $? $(date -u +%T)" >> /work/m17/m23/$LOG
