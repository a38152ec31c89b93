#!/bin/bash
# Coded runs (commit aed1328) against fixed-width runs (commit e81234d), the PTB benchmark stopped (SIGSTOP):
#  1. 10 M words, memory=1g, -Xmx1700m, alternating fixed-coded-fixed-coded; peak temporary disk (du every second)
#     and the bytes written; each model compared with the first entry by entry.
#  2. 100 M words, order 5: lmplz -S 4G, then lmkit memory=4g (-Xmx4300m) at aed1328, back to back; lmkit's
#     model compared with measure9's entry by entry, its held-out perplexity; peak temporary disk (du every 5 s).
set -u
cd /work/m17
K=/work/shared/tools/kenlm/bin
OLD=/work/wt-17
NEW=/work/wt-fw
LOG=measure14.log
mkdir -p runs14 kenlm-tmp14
P=$(pgrep -f '^java.*ptb-(direct|rnn-budget)' | head -n 1)
[[ -n "$P" ]] && kill -STOP "$P" && echo "PTB ($P) stopped $(date -u +%H:%M:%S)" >> $LOG
sleep 20
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep "$3"; done; }
run10() { # label checkout
  { echo "=== $1 ($(git -C "$2" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
  peak_du runs14 "$1.tmpdisk" 1 & D=$!
  LMKIT_JAVA_OPTS=-Xmx1700m /usr/bin/time -v "$2/lmkit" train --quiet --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs14" --train /tmp/s17/bench/syn10000000.txt \
    --out "$1.zip" > "$1.out" 2> "$1.err"
  echo "$1 exit $?" >> $LOG
  kill $D; wait $D 2>/dev/null
  grep -E 'Elapsed|Maximum resident|User time|System time|File system outputs' "$1.err" >> $LOG
  echo "peak temp KiB: $(cat "$1.tmpdisk")" >> $LOG
  echo "files left in tempDir: $(ls -A runs14 | wc -l)" >> $LOG
}
run10 lmkit10m-fixed-c "$OLD"; run10 lmkit10m-coded-c "$NEW"; run10 lmkit10m-fixed-d "$OLD"; run10 lmkit10m-coded-d "$NEW"
for m in lmkit10m-coded-c lmkit10m-fixed-d lmkit10m-coded-d; do
  for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
    cmp -s <(unzip -p lmkit10m-fixed-c.zip "$e") <(unzip -p "$m.zip" "$e") || echo "$m: $e DIFFERS from lmkit10m-fixed-c" >> $LOG
  done
  echo "$m: every table entry compared with lmkit10m-fixed-c's" >> $LOG
done
rm -f lmkit10m-fixed-d.zip lmkit10m-coded-d.zip
C=/tmp/s17/bench/syn100000000.txt
{ echo "=== lmplz ($(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du kenlm-tmp14 lmplz100m-14.tmpdisk 5 & D=$!
/usr/bin/time -v "$K/lmplz" -o 5 -S 4G -T kenlm-tmp14 --discount_fallback < "$C" 2> lmplz100m-14.err | wc -c > lmplz100m-14.arpa-bytes
kill $D; wait $D 2>/dev/null
grep -E 'Elapsed|Maximum resident|User time|System time' lmplz100m-14.err >> $LOG
echo "lmplz ARPA bytes: $(cat lmplz100m-14.arpa-bytes); peak temp KiB: $(cat lmplz100m-14.tmpdisk 2>/dev/null)" >> $LOG
{ echo "=== lmkit 100M ($(git -C "$NEW" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du runs14 lmkit100m-14.tmpdisk 5 & D=$!
LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v "$NEW/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs14" --train "$C" --out lmkit100m-14.zip \
  > lmkit100m-14.out 2> lmkit100m-14.err
echo "lmkit exit $?" >> $LOG; kill $D; wait $D 2>/dev/null
[[ -n "$P" ]] && kill -CONT "$P" && echo "PTB continued $(date -u +%H:%M:%S)" >> $LOG
grep -E 'Elapsed|Maximum resident|User time|System time|File system outputs' lmkit100m-14.err >> $LOG
grep "done in" lmkit100m-14.err >> $LOG
echo "lmkit peak temp KiB: $(cat lmkit100m-14.tmpdisk 2>/dev/null)" >> $LOG
echo "files left in tempDir: $(ls -A runs14 | wc -l)" >> $LOG; ls -l lmkit100m-14.zip >> $LOG
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  if cmp -s <(unzip -p lmkit100m.zip "$e") <(unzip -p lmkit100m-14.zip "$e"); then echo "same as measure9's model: $e" >> $LOG; else echo "DIFFERS from measure9's model: $e" >> $LOG; fi
done
nice "$NEW/lmkit" eval --quiet --json --model lmkit100m-14.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit100m-14.json
cat eval-lmkit100m-14.json >> $LOG
{ echo "=== load after ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
echo DONE >> $LOG
