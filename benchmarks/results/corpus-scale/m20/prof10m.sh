#!/bin/bash
# JFR profile of the whole 10 M-word estimation at memory=1g (main's build), for where the time goes.
cd /work/m17/prof
LMKIT_JAVA_OPTS="-XX:StartFlightRecording=filename=/work/m17/prof/p10m.jfr,settings=profile" /usr/bin/time -v /work/main/lmkit train --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz --set memory=1g --set tempDir=/work/m17/prof/runs --train /tmp/s17/bench/syn10000000.txt --out /work/m17/prof/m10.lmkit > p10m.out 2> p10m.err
