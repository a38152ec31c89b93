#!/bin/bash
# lmplz -S 4G and lmkit memory=4g back to back on the 100 M-word synthetic corpus, order 5 (issue 17's speed and
# memory targets), after the sorts moved to a second core (commit in the log). Each under /usr/bin/time -v; the
# temporary folder's size sampled every 5 s for its peak. Nothing else running (checked in the log).
# The lmkit model is compared entry by entry with measure9.sh's (lmkit100m.zip): equal, so its held-out
# perplexity is that model's, 267.88642911 against KenLM's query on lmplz's ARPA file, 267.88643779.
set -u
cd /work/m17
C=/tmp/s17/bench/syn100000000.txt
K=/work/shared/tools/kenlm/bin
NEW=/work/wt-17
LOG=measure10.log
mkdir -p runs10 kenlm-tmp10
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep 5; done; }
{ echo "=== lmplz ($(date -u +%H:%M:%S)): load before"; uptime; ps aux --sort=-%cpu | sed -n 2,3p | cut -c1-120; } >> $LOG
/usr/bin/time -v "$K/lmplz" -o 5 -S 4G -T kenlm-tmp10 --discount_fallback < "$C" > kenlm100m-10.arpa 2> lmplz100m-10.err
echo "lmplz exit $?" >> $LOG
grep -E 'Elapsed|Maximum resident|User time|System time' lmplz100m-10.err >> $LOG
ls -l kenlm100m-10.arpa >> $LOG; rm -f kenlm100m-10.arpa
{ echo "=== lmkit ($(git -C "$NEW" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du runs10 lmkit100m-10.tmpdisk & P=$!
LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v "$NEW/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs10" --train "$C" --out lmkit100m-10.zip \
  > lmkit100m-10.out 2> lmkit100m-10.err
echo "lmkit exit $?" >> $LOG; kill $P
grep -E 'Elapsed|Maximum resident|User time|System time' lmkit100m-10.err >> $LOG
grep "done in" lmkit100m-10.err >> $LOG
echo "lmkit peak temp KiB: $(cat lmkit100m-10.tmpdisk 2>/dev/null)" >> $LOG
echo "files left in tempDir: $(ls -A runs10 | wc -l)" >> $LOG; ls -l lmkit100m-10.zip >> $LOG
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  if cmp -s <(unzip -p lmkit100m.zip "$e") <(unzip -p lmkit100m-10.zip "$e"); then echo "same as measure9's model: $e" >> $LOG; else echo "DIFFERS from measure9's model: $e" >> $LOG; fi
done
{ echo "=== load after ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
echo DONE >> $LOG
