#!/bin/bash
# measure14.sh's 100 M-word lmkit run again at commit 154e3c1 (RunFile decodes without a bound check a byte), the
# PTB benchmark stopped (SIGSTOP); lmplz's run of measure14.sh (14:04) is its pair.
set -u
cd /work/m17
NEW=/work/wt-fw
LOG=measure15.log
mkdir -p runs14
P=$(pgrep -f '^java.*ptb-(direct|rnn-budget)' | head -n 1)
[[ -n "$P" ]] && kill -STOP "$P" && echo "PTB ($P) stopped $(date -u +%H:%M:%S)" >> $LOG
sleep 20
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep "$3"; done; }
C=/tmp/s17/bench/syn100000000.txt
{ echo "=== lmkit 100M ($(git -C "$NEW" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du runs14 lmkit100m-15.tmpdisk 5 & D=$!
LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v "$NEW/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs14" --train "$C" --out lmkit100m-15.zip \
  > lmkit100m-15.out 2> lmkit100m-15.err
echo "lmkit exit $?" >> $LOG; kill $D; wait $D 2>/dev/null
[[ -n "$P" ]] && kill -CONT "$P" && echo "PTB continued $(date -u +%H:%M:%S)" >> $LOG
grep -E 'Elapsed|Maximum resident|User time|System time|File system outputs' lmkit100m-15.err >> $LOG
grep "done in" lmkit100m-15.err >> $LOG
echo "lmkit peak temp KiB: $(cat lmkit100m-15.tmpdisk 2>/dev/null)" >> $LOG
echo "files left in tempDir: $(ls -A runs14 | wc -l)" >> $LOG; ls -l lmkit100m-15.zip >> $LOG
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  if cmp -s <(unzip -p lmkit100m.zip "$e") <(unzip -p lmkit100m-15.zip "$e"); then echo "same as measure9's model: $e" >> $LOG; else echo "DIFFERS from measure9's model: $e" >> $LOG; fi
done
nice "$NEW/lmkit" eval --quiet --json --model lmkit100m-15.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit100m-15.json
cat eval-lmkit100m-15.json >> $LOG
{ echo "=== load after ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
echo DONE >> $LOG
