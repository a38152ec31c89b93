#!/bin/bash
# Waits for the synth runs, then lmplz and lmkit on the 10M corpus, back to back.
while pgrep -f 'data synth' > /dev/null; do sleep 10; done
L=/work/wt-synth17/lmkit
K=/work/shared/tools/kenlm/bin
mkdir -p kenlm-tmp
{ echo "=== load before lmplz"; uptime; } >> measure.log
/usr/bin/time -v $K/lmplz -o 5 -S 1G -T kenlm-tmp --discount_fallback < syn10000000.txt > kenlm10m.arpa 2>> lmplz10m.err
echo "lmplz exit $?" >> measure.log
grep -E 'Elapsed|Maximum resident|User time|System time' lmplz10m.err >> measure.log
{ echo "=== load before lmkit"; uptime; } >> measure.log
LMKIT_JAVA_OPTS=-Xmx10g /usr/bin/time -v $L train --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz --train syn10000000.txt --out lmkit10m.zip > lmkit10m.out 2> lmkit10m.err
echo "lmkit exit $?" >> measure.log
grep -E 'Elapsed|Maximum resident|User time|System time' lmkit10m.err >> measure.log
{ echo "=== load after"; uptime; } >> measure.log
head -c 20000000 heldout.txt | head -n -1 > heldout-sample.txt
LMKIT_JAVA_OPTS=-Xmx10g $L arpa import --arpa kenlm10m.arpa --out kenlm10m.zip > import.out 2>&1
echo "import exit $?" >> measure.log
LMKIT_JAVA_OPTS=-Xmx10g $L eval --model lmkit10m.zip --test heldout-sample.txt > eval-lmkit.out 2>&1
LMKIT_JAVA_OPTS=-Xmx10g $L eval --model kenlm10m.zip --test heldout-sample.txt > eval-kenlm.out 2>&1
cat eval-lmkit.out eval-kenlm.out >> measure.log
echo DONE >> measure.log
