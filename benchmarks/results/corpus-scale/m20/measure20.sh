#!/bin/bash
# 10 M words, memory=1g, order 5: old (6553679, word-by-word radix gather) and new (b55b10b, packed key words),
# alternating old/new/new/old, with the PTB benchmark stopped (SIGSTOP) for the duration.
set -u
cd /work/m17/m20
pg=$(ps -o pgid= -p "$(pgrep -f ptb-queue2.sh | head -1)" | tr -d ' ')
echo "ptb pgid $pg; stopped $(date -u +%T)" >> measure20.log
[[ -n "$pg" ]] && kill -STOP -- -"$pg"
sleep 5
run() { # label worktree
  rm -rf runs-$1 && mkdir runs-$1
  echo "$1 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> measure20.log
  /usr/bin/time -v /work/$2/lmkit train --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz --set memory=1g --set tempDir=/work/m17/m20/runs-$1 --train /tmp/s17/bench/syn10000000.txt --out /work/m17/m20/$1.lmkit > $1.out 2> $1.err
  echo "$1 rc $? $(grep Elapsed $1.err)" >> measure20.log
}
run old-a wt-new; run new-a wt-conv; run new-b wt-conv; run old-b wt-new
[[ -n "$pg" ]] && kill -CONT -- -"$pg"
echo "ptb continued $(date -u +%T)" >> measure20.log
