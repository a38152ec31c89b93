#!/bin/bash
# 100 M synthetic words, order 5, on the quiet machine after .ci/run: lmplz -o 5 -S 4G (ARPA counted by wc -c),
# then lmkit memory=4g at commit 7da7a62's build (equal keys folded as read out; /work/wt-new), then at ef60359
# (a folding pass of its own; /work/wt-1b); the two models compared entry by entry.
set -u
cd /work/m17/m19
C=/tmp/s17/bench/syn100000000.txt
K=/work/shared/tools/kenlm/bin
LOG=measure19.log
while pgrep -f "ci-check" > /dev/null || pgrep -f "bash .ci/run" > /dev/null; do sleep 5; done
sleep 10
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep "$3"; done; }
mkdir -p kenlm-tmp runs
echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $LOG
( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > lmplz100m.arpa-bytes ) 2> lmplz100m-19.err
grep -E 'Elapsed|User time|System time|Maximum resident' lmplz100m-19.err >> $LOG
for tag in new old; do
  case $tag in new) L=/work/wt-new ;; old) L=/work/wt-1b ;; esac
  echo "=== lmkit $tag $(git -C $L rev-parse --short HEAD) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $LOG
  peak_du runs lmkit100m-$tag.tmpdisk 5 & D=$!
  LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v "$L/lmkit" train --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs" --train "$C" --out lmkit100m-$tag.zip \
    > lmkit100m-$tag.out 2> lmkit100m-19-$tag.err
  echo "exit $?" >> $LOG; kill $D; wait $D 2>/dev/null
  grep -E 'Elapsed|User time|System time|Maximum resident' lmkit100m-19-$tag.err >> $LOG
  grep "done in" lmkit100m-19-$tag.err >> $LOG
  echo "peak temp KiB: $(cat lmkit100m-$tag.tmpdisk)" >> $LOG
done
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  cmp -s <(unzip -p lmkit100m-new.zip "$e") <(unzip -p lmkit100m-old.zip "$e") && echo "same: $e" >> $LOG || echo "DIFFERS: $e" >> $LOG
done
echo "DONE $(date -u +%T)" >> $LOG
