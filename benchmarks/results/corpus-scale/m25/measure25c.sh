#!/bin/bash
# 2026-12-01: measure25b.sh's pair once more, with lmkit built at 0925fbd in /work/wt-25 (the code of c5471a6: the
# radix sort of backoff terms reverted), to see how far the ratio moves between pairs; back to back on the
# quiet machine, after the final .ci/run; the model compared entry by entry with measure22's (af170e5).
cd /work/m17/m25/pair3
C=/tmp/s17/bench/syn100000000.txt
K=/work/shared/tools/kenlm/bin
LOG=measure25c.log
while [[ ! -e /work/ci17.rc ]]; do sleep 5; done # after the final .ci/run
sleep 10
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep "$3"; done; }
rm -rf kenlm-tmp runs; mkdir -p kenlm-tmp runs
echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $LOG
( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > lmplz100m.arpa-bytes ) 2> lmplz100m-25c.err
grep -E 'Elapsed|User time|System time|Maximum resident' lmplz100m-25c.err >> $LOG
L=/work/wt-25
echo "=== lmkit $(git -C $L rev-parse --short HEAD) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $LOG
peak_du runs lmkit100m.tmpdisk 5 & D=$!
LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v "$L/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs" --train "$C" --out lmkit100m.zip \
  > lmkit100m.out 2> lmkit100m-25c.err
echo "exit $?" >> $LOG; kill $D; wait $D 2>/dev/null
grep -E 'Elapsed|User time|System time|Maximum resident' lmkit100m-25c.err >> $LOG
grep -E "done in|: done, .* bytes in" lmkit100m-25c.err >> $LOG
echo "peak temp KiB: $(cat lmkit100m.tmpdisk)" >> $LOG
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  cmp -s <(unzip -p lmkit100m.zip "$e") <(unzip -p /work/m17/m22/lmkit100m.zip "$e") && echo "same: $e" >> $LOG || echo "DIFFERS: $e" >> $LOG
done
echo "DONE $(date -u +%T)" >> $LOG
