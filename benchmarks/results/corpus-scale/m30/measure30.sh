#!/bin/bash
# 2026-12-02: a pair in the other order: lmkit (built in the worktree $1) memory=4g, then lmplz -o 5 -S 4G, on the
# same 100 M words, back to back on the otherwise quiet machine; lmkit's model compared entry by entry with $REF;
# label $2. m30 (2026-12-02): KEEP=FILE keeps lmkit's model there; base1 ran with REF=an empty file (so every
# entry "DIFFERS") and KEEP=ref-41e4e84.zip, the reference every later run of m30 is compared with.
cd "${WORKDIR:-/work/m17/m27}"  # WORKDIR= (added 2026-12-02, m29): where the runs and logs go
W=$1; L=$2; REF=${REF:-/work/m17/m27/base-445f36e.zip}
C=/tmp/s17/bench/syn100000000.txt
K=/work/shared/tools/kenlm/bin
LOG=$L.log
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep "$3"; done; }
rm -rf kenlm-tmp runs; mkdir -p kenlm-tmp runs
echo "=== lmkit $(git -C $W rev-parse --short HEAD) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $LOG
peak_du runs $L-lmkit.tmpdisk 5 & D=$!
LMKIT_JAVA_OPTS=-Xmx4300m /usr/bin/time -v "$W/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs" --train "$C" --out $L-lmkit.zip \
  2>&1 > $L-lmkit.out | while IFS= read -r l; do echo "$(date -u +%T) $l"; done > $L-lmkit.err
kill $D; wait $D 2>/dev/null
grep -E 'Elapsed|User time|System time|Maximum resident|File system outputs|Exit status' $L-lmkit.err >> $LOG
grep -E "done, " $L-lmkit.err >> $LOG
echo "peak temp KiB: $(cat $L-lmkit.tmpdisk)" >> $LOG
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  cmp -s <(unzip -p $L-lmkit.zip "$e") <(unzip -p $REF "$e") && echo "same: $e" >> $LOG || echo "DIFFERS: $e" >> $LOG
done
[[ -n "$KEEP" ]] && cp $L-lmkit.zip $KEEP; rm -f $L-lmkit.zip
echo "=== lmplz $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $LOG
( /usr/bin/time -v $K/lmplz -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" | wc -c > $L-lmplz.arpa-bytes ) 2> $L-lmplz.err
grep -E 'Elapsed|User time|System time|Maximum resident|File system outputs' $L-lmplz.err >> $LOG
echo "DONE $(date -u +%T)" >> $LOG
