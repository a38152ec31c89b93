#!/bin/bash
# A/B on 10 M words, order 5, memory=1g (so that the sorters spill): $1 = label:worktree pairs run in turn.
cd /work/m17/m25
C=/tmp/s17/bench/syn10000000.txt
for spec in "$@"; do
  label=${spec%%:*}; wt=${spec#*:}
  rm -rf runs; mkdir runs
  LMKIT_JAVA_OPTS=-Xmx1200m /usr/bin/time -f "%e s wall %U user %S sys %M KiB" "$wt/lmkit" train --model modified-kneser-ney --set order=5 \
    --set discountStatistics=lmplz --set memory=1g --set tempDir="$PWD/runs" --train "$C" --out ab-$label.zip > /dev/null 2> ab-$label.err
  echo "$label $(tail -1 ab-$label.err) | $(grep -oE '(counting in sorted runs|discounts|backoffs|tables): done.* in [0-9:]+' ab-$label.err | sed -E 's/: done.* in / /' | tr '\n' ' ')"
done
