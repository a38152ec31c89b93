#!/bin/bash
# One lmkit run of the 100 M-word corpus (build in worktree $1, label $2, extra JVM options $XOPTS), timed,
# progress timestamped (MEM= and XMX= change memory=4g and -Xmx4300m), the model compared entry by entry with ref-41e4e84.zip.
W=$1; L=$2; C=/tmp/s17/bench/syn100000000.txt
rm -rf runs; mkdir -p runs
LMKIT_JAVA_OPTS="$( [[ $XMX == none ]] || echo -Xmx${XMX:-4300m}) $XOPTS" /usr/bin/time -v "$W/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=${MEM:-4g} --set tempDir="$PWD/runs" --train "$C" --out $L.zip \
  2>&1 > $L.out | while IFS= read -r l; do echo "$(date -u +%T) $l"; done > $L.err
{ echo "=== $L $(git -C $W rev-parse --short HEAD) XOPTS=$XOPTS"; grep -E "Elapsed|User time|System time|Maximum res" $L.err; grep "done," $L.err
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  cmp -s <(unzip -p $L.zip "$e") <(unzip -p ref-41e4e84.zip "$e") && echo "same: $e" || echo "DIFFERS: $e"
done; } > $L.log
rm -f $L.zip
