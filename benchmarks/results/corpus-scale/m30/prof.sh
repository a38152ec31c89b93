#!/bin/bash
# One lmkit run of the 100 M-word corpus under async-profiler (cpu samples every 10 ms, all threads), label $1.
# The agent is linux-x64/libasyncProfiler.so of Maven Central's tools.profiler:async-profiler:3.0, unzipped into
# /tmp/ap; agg.py sums its collapsed stacks by thread, by frame and inclusively (prof1.txt, prof2.txt).
L=$1; C=/tmp/s17/bench/syn100000000.txt
rm -rf runs; mkdir -p runs
LMKIT_JAVA_OPTS="-Xmx4300m -agentpath:/tmp/ap/libasyncProfiler.so=start,event=${EVENT:-cpu},interval=10ms,threads,file=$PWD/$L.collapsed,collapsed" \
  /usr/bin/time -v /work/main/lmkit train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs" --train "$C" --out $L.zip \
  2>&1 > $L.out | while IFS= read -r l; do echo "$(date -u +%T) $l"; done > $L.err
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-2.bin data/ngram/order-3.bin data/ngram/order-4.bin data/ngram/order-5.bin; do
  cmp -s <(unzip -p $L.zip "$e") <(unzip -p ref-41e4e84.zip "$e") && echo "same: $e" || echo "DIFFERS: $e"
done > $L.cmp
rm -f $L.zip
