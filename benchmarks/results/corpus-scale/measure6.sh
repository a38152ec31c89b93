#!/bin/bash
# Bounded-memory estimation before and after the 2026-11-30 sorter work, and lmplz, back to back on the 10 M-word
# corpus (order 5, 1 GB). Run from benchmarks/results/corpus-scale/ of a checkout; OLD and NEW are two lmkit
# checkouts (150b0cd and the new commit), built; K is KenLM's bin folder. Background jobs stopped meanwhile.
set -u
C=/tmp/s17/bench/syn10000000.txt
K=${K:-/work/shared/tools/kenlm/bin}
mkdir -p runs kenlm-tmp
run_lmkit() { # label checkout
  { echo "=== $1 ($(git -C "$2" rev-parse --short HEAD)): load before"; uptime; } >> measure6.log
  LMKIT_JAVA_OPTS=-Xmx3g /usr/bin/time -v "$2/lmkit" train --quiet --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs" --train "$C" --out "$1.zip" \
    > "$1.out" 2> "$1.err"
  echo "$1 exit $?" >> measure6.log
  grep -E 'Elapsed|Maximum resident|User time|System time' "$1.err" >> measure6.log
  echo "files left in tempDir: $(ls -A runs | wc -l)" >> measure6.log
  echo "model tables: $(unzip -lv "$1.zip" | grep ' data/' | awk '{print $7, $8}' | md5sum | cut -c1-12)" >> measure6.log
}
run_lmkit lmkit10m-before "$OLD"
run_lmkit lmkit10m-after "$NEW"
{ echo "=== lmplz: load before"; uptime; } >> measure6.log
/usr/bin/time -v "$K/lmplz" -o 5 -S 1G -T kenlm-tmp --discount_fallback < "$C" > kenlm10m-d.arpa 2> lmplz10m-d.err
echo "lmplz exit $?" >> measure6.log
grep -E 'Elapsed|Maximum resident|User time|System time' lmplz10m-d.err >> measure6.log
{ echo "=== load after"; uptime; } >> measure6.log
"$NEW/lmkit" eval --quiet --json --model lmkit10m-after.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit-after.json
"$OLD/lmkit" eval --quiet --json --model lmkit10m-before.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit-before.json
rm -f kenlm10m-d.arpa lmkit10m-before.zip lmkit10m-after.zip
echo DONE >> measure6.log
