#!/bin/bash
# measure10.sh's lmkit run again after commit e81234d (PrefetchedRecords.close waits for its reader), with -Xmx4300m.
# Back to back after measure10.sh's lmplz run (11:49, 2:53.7), the PTB benchmark stopped.
set -u
cd /work/m17
C=/tmp/s17/bench/syn100000000.txt
NEW=/work/wt-17
LOG=measure12.log
P=$(pgrep -f "^java.*ptb-schedule.yaml" | head -1)
kill -STOP $P; echo "PTB ($P) stopped $(date -u +%H:%M:%S)" >> $LOG; sleep 20
mkdir -p runs12
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep 5; done; }
{ echo "=== lmkit ($(git -C "$NEW" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du runs12 lmkit100m-12.tmpdisk & D=$!
LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v "$NEW/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs12" --train "$C" --out lmkit100m-12.zip \
  > lmkit100m-12.out 2> lmkit100m-12.err
echo "lmkit exit $?" >> $LOG; kill $D
kill -CONT $P; echo "PTB continued $(date -u +%H:%M:%S)" >> $LOG
grep -E 'Elapsed|Maximum resident|User time|System time' lmkit100m-12.err >> $LOG
grep "done in" lmkit100m-12.err >> $LOG
echo "lmkit peak temp KiB: $(cat lmkit100m-12.tmpdisk 2>/dev/null)" >> $LOG
echo "files left in tempDir: $(ls -A runs12 | wc -l)" >> $LOG; ls -l lmkit100m-12.zip >> $LOG
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  if cmp -s <(unzip -p lmkit100m.zip "$e") <(unzip -p lmkit100m-12.zip "$e"); then echo "same as measure9's model: $e" >> $LOG; else echo "DIFFERS from measure9's model: $e" >> $LOG; fi
done
"$NEW/lmkit" eval --quiet --json --model lmkit100m-12.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit100m-12.json
cat eval-lmkit100m-12.json >> $LOG
echo DONE >> $LOG
