#!/bin/bash
# lmkit train with memory=1g (sorted runs) on the 10 M-word corpus, after measure2.sh's lmplz.

CP=$(cat /tmp/s17/cp2/classpath)
J="java --add-modules jdk.incubator.vector -Djava.awt.headless=true -Xmx1700m -cp $CP io.lmkit.cli.internal.Main"
mkdir -p runs
{ echo "=== load before lmkit memory=1g"; uptime; } >> measure4.log
/usr/bin/time -v $J train --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz --set memory=1g --set tempDir=/tmp/s17/bench/runs --train syn10000000.txt --out lmkit10m-1g-b.zip > lmkit10m-1g-b.out 2> lmkit10m-1g-b.err
echo "lmkit exit $?" >> measure4.log
grep -E 'Elapsed|Maximum resident|User time|System time' lmkit10m-1g-b.err >> measure4.log
echo "files left in tempDir: $(ls -A runs | wc -l)" >> measure4.log
{ echo "=== load after"; uptime; } >> measure4.log
$J eval --model lmkit10m-1g-b.zip --test heldout-sample.txt --json > eval-lmkit-1g.json 2>/dev/null
cat eval-lmkit-1g.json >> measure4.log
echo DONE >> measure4.log
