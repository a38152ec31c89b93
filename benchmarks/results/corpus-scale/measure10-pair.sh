#!/bin/bash
# The sorts on a second core, paired on the 10 M-word corpus: lmkit before (OLD, commit e4d2d33) and after (NEW)
# alternating, old-new-old-new, memory=1g, -Xmx1700m, nothing else running. Each model compared with the first.
set -u
cd /work/m17
C=/tmp/s17/bench/syn10000000.txt
OLD=/work/wt-bench
NEW=/work/wt-17
LOG=measure10-pair.log
mkdir -p runs10p
run() { # label checkout
  { echo "=== $1 ($(git -C "$2" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
  LMKIT_JAVA_OPTS=-Xmx1700m /usr/bin/time -v "$2/lmkit" train --quiet --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs10p" --train "$C" --out "$1.zip" \
    > "$1.out" 2> "$1.err"
  echo "$1 exit $?" >> $LOG
  grep -E 'Elapsed|Maximum resident|User time|System time' "$1.err" >> $LOG
  echo "files left in tempDir: $(ls -A runs10p | wc -l)" >> $LOG
}
run lmkit10m-old-a "$OLD"; run lmkit10m-new-a "$NEW"; run lmkit10m-old-b "$OLD"; run lmkit10m-new-b "$NEW"
for m in lmkit10m-new-a lmkit10m-old-b lmkit10m-new-b; do
  for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
    cmp -s <(unzip -p lmkit10m-old-a.zip "$e") <(unzip -p "$m.zip" "$e") || echo "$m: $e DIFFERS from lmkit10m-old-a" >> $LOG
  done
  echo "$m: every table entry compared with lmkit10m-old-a's" >> $LOG
done
{ echo "=== load after ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
echo DONE >> $LOG
