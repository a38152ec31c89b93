#!/bin/bash
# 100 M words, order 5, memory=4g, lmkit built at the worktree $1, label $2, JFR/JVM opts $3; progress lines
# timestamped; model compared entry by entry with $REF (default: m26's run of 82363b9 on this machine).
cd /work/m17/m27
W=$1; L=$2; REF=${REF:-/work/m17/m26/run-91c24c5.zip}
rm -rf runs; mkdir runs
./cpusample.sh $L.cpu & CS=$!
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep "$3"; done; }
peak_du runs $L.tmpdisk 5 & D=$!
echo "=== $L $(git -C $W rev-parse --short HEAD) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $L.log
LMKIT_JAVA_OPTS="${XMX:--Xmx4300m} $3" /usr/bin/time -v $W/lmkit train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=${MEM:-4g} --set tempDir="$PWD/runs" --train /tmp/s17/bench/syn100000000.txt --out $L.zip \
  2>&1 > $L.out | while IFS= read -r l; do echo "$(date -u +%T) $l"; done > $L.err
kill $D $CS; wait $D $CS 2>/dev/null
grep -E 'Elapsed|User time|System time|Maximum resident|File system outputs' $L.err >> $L.log
grep -E "done, " $L.err >> $L.log
echo "peak temp KiB: $(cat $L.tmpdisk)" >> $L.log
if [[ -f $REF ]]; then
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  cmp -s <(unzip -p $L.zip "$e") <(unzip -p $REF "$e") && echo "same: $e" >> $L.log || echo "DIFFERS: $e" >> $L.log
done
fi
echo "DONE $(date -u +%T)" >> $L.log
