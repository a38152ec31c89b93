#!/bin/bash
# SortBuffer folding equal keys as records are read out (commit 7da7a62, NEW) against folding them in a pass of
# its own (commit ef60359, OLD), 10 M synthetic words, order 5, memory=1g, alternating OLD NEW OLD NEW; the
# PTB rnn-wide benchmark ran beside at nice 19 (lmkit at nice 0). Models compared entry by entry.
set -u
cd /work/m17/ab
OLD=/work/wt-1b; NEW=/work/wt-new
C=/tmp/s17/bench/syn10000000.txt
LOG=measure18.log
mkdir -p runs
for tag in old-a new-a old-b new-b; do
  case $tag in old-*) L=$OLD ;; *) L=$NEW ;; esac
  { echo "=== $tag $(git -C $L rev-parse --short HEAD) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; } >> $LOG
  LMKIT_JAVA_OPTS=-Xmx1700m /usr/bin/time -v "$L/lmkit" train --quiet --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs" --train "$C" --out "lmkit10m-$tag.zip" \
    > "lmkit10m-$tag.out" 2> "lmkit10m-$tag.err"
  echo "exit $?" >> $LOG
  grep -E 'Elapsed|User time|System time|Maximum resident' "lmkit10m-$tag.err" >> $LOG
done
for tag in new-a old-b new-b; do
  for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
    cmp -s <(unzip -p lmkit10m-old-a.zip "$e") <(unzip -p "lmkit10m-$tag.zip" "$e") || echo "DIFFERS $tag $e" >> $LOG
  done
done
echo "compared; DONE $(date -u +%T)" >> $LOG
