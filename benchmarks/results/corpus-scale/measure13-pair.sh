#!/bin/bash
# Sorted runs coded against the previous record, paired on the 10 M-word corpus: lmkit before (OLD, commit
# e81234d, fixed-width records) and after (NEW, commit 898ada9) alternating, old-new-old-new, memory=1g,
# -Xmx1700m, the PTB benchmark stopped (SIGSTOP). Peak temporary disk sampled with du every second. Each model
# compared with the first entry by entry.
set -u
cd /work/m17
C=/tmp/s17/bench/syn10000000.txt
OLD=/work/wt-17
NEW=/work/wt-fw
LOG=measure13-pair.log
mkdir -p runs13
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep 1; done; }
P=$(pgrep -f '^java.*ptb-(direct|rnn-budget)' | head -n 1)
[[ -n "$P" ]] && kill -STOP "$P" && echo "PTB ($P) stopped $(date -u +%H:%M:%S)" >> $LOG
sleep 20
run() { # label checkout
  { echo "=== $1 ($(git -C "$2" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
  peak_du runs13 "$1.tmpdisk" & D=$!
  LMKIT_JAVA_OPTS=-Xmx1700m /usr/bin/time -v "$2/lmkit" train --quiet --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs13" --train "$C" --out "$1.zip" \
    > "$1.out" 2> "$1.err"
  echo "$1 exit $?" >> $LOG
  kill $D; wait $D 2>/dev/null
  grep -E 'Elapsed|Maximum resident|User time|System time|File system outputs' "$1.err" >> $LOG
  echo "peak temp KiB: $(cat "$1.tmpdisk")" >> $LOG
  echo "files left in tempDir: $(ls -A runs13 | wc -l)" >> $LOG
}
run lmkit10m-fixed-a "$OLD"; run lmkit10m-coded-a "$NEW"; run lmkit10m-fixed-b "$OLD"; run lmkit10m-coded-b "$NEW"
[[ -n "$P" ]] && kill -CONT "$P" && echo "PTB continued $(date -u +%H:%M:%S)" >> $LOG
for m in lmkit10m-coded-a lmkit10m-fixed-b lmkit10m-coded-b; do
  for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
    cmp -s <(unzip -p lmkit10m-fixed-a.zip "$e") <(unzip -p "$m.zip" "$e") || echo "$m: $e DIFFERS from lmkit10m-fixed-a" >> $LOG
  done
  echo "$m: every table entry compared with lmkit10m-fixed-a's" >> $LOG
done
{ echo "=== load after ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
echo DONE >> $LOG
