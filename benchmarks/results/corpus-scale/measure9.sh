#!/bin/bash
# lmplz -S 4G and lmkit memory=4g back to back on the 100 M-word synthetic corpus, order 5 (issue 17's target),
# each under /usr/bin/time -v; the temporary folder's size sampled every 5 s for its peak. Background jobs
# stopped meanwhile. NEW is the lmkit checkout (built), K KenLM's bin folder.
set -u
C=/tmp/s17/bench/syn100000000.txt
K=${K:-/work/shared/tools/kenlm/bin}
LOG=measure9.log
mkdir -p runs kenlm-tmp
peak_du() { # folder file: the largest size seen, in KiB
  local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep 5; done
}
{ echo "=== lmplz ($(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du kenlm-tmp lmplz100m.tmpdisk & P=$!
/usr/bin/time -v "$K/lmplz" -o 5 -S 4G -T kenlm-tmp --discount_fallback < "$C" > kenlm100m.arpa 2> lmplz100m.err
echo "lmplz exit $?" >> $LOG; kill $P
grep -E 'Elapsed|Maximum resident|User time|System time' lmplz100m.err >> $LOG
echo "lmplz peak temp KiB: $(cat lmplz100m.tmpdisk 2>/dev/null)" >> $LOG; ls -l kenlm100m.arpa >> $LOG
{ echo "=== lmkit ($(git -C "$NEW" rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du runs lmkit100m.tmpdisk & P=$!
LMKIT_JAVA_OPTS=-Xmx4600m /usr/bin/time -v "$NEW/lmkit" train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=4g --set tempDir="$PWD/runs" --train "$C" --out lmkit100m.zip \
  > lmkit100m.out 2> lmkit100m.err
echo "lmkit exit $?" >> $LOG; kill $P
grep -E 'Elapsed|Maximum resident|User time|System time' lmkit100m.err >> $LOG
echo "lmkit peak temp KiB: $(cat lmkit100m.tmpdisk 2>/dev/null)" >> $LOG
echo "files left in tempDir: $(ls -A runs | wc -l)" >> $LOG; ls -l lmkit100m.zip >> $LOG
{ echo "=== load after ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
echo DONE >> $LOG
