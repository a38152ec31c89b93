#!/bin/bash
# Issue 17's 1 B-word point on the quiet machine: the corpus written as plain text (data synth --threads 2), then
# lmkit train memory=8g (-Xmx9400m), then lmplz -S 8G on the same file with its ARPA output counted by wc -c
# through a pipe (a 1 B-word ARPA file does not fit the disk beside the corpus). Peak temporary disk by du every 10 s.
set -u
cd /work/m17
L=/work/wt-1b/lmkit
K=/work/shared/tools/kenlm/bin
LOG=measure16.log
C=/tmp/s17/bench/syn1000000000.txt
peak_du() { local max=0; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$2"; sleep "$3"; done; }
{ echo "=== synth 1B ($(git -C /work/wt-1b rev-parse --short HEAD), $(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
if [[ ! -s $C ]]; then
  (cd /tmp/s17/bench && /usr/bin/time -v $L data synth --model /tmp/s17/mkn5.zip --tokens 1000000000 --seed 1 --threads 2 \
     --out syn1000000000.txt) > synth1b-plain.log 2>&1
  echo "synth exit $?" >> $LOG
fi
ls -l $C >> $LOG; df -k /tmp >> $LOG
mkdir -p runs16
{ echo "=== lmkit 1B ($(date -u +%H:%M:%S)): load before"; uptime; } >> $LOG
peak_du runs16 lmkit1b.tmpdisk 10 & D=$!
LMKIT_JAVA_OPTS=-Xmx9400m /usr/bin/time -v $L train --model modified-kneser-ney --set order=5 \
  --set discountStatistics=lmplz --set memory=8g --set tempDir="$PWD/runs16" --train "$C" --out lmkit1b.zip \
  > lmkit1b.out 2> lmkit1b.err
echo "lmkit exit $? ($(date -u +%H:%M:%S))" >> $LOG; kill $D; wait $D 2>/dev/null
grep -E 'Elapsed|Maximum resident|User time|System time|File system outputs' lmkit1b.err >> $LOG
grep "done in" lmkit1b.err >> $LOG
echo "lmkit peak temp KiB: $(cat lmkit1b.tmpdisk 2>/dev/null)" >> $LOG
echo "files left in tempDir: $(ls -A runs16 | wc -l)" >> $LOG; ls -l lmkit1b.zip >> $LOG
{ echo "=== load after lmkit ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
mkdir -p kenlm-tmp16
peak_du kenlm-tmp16 lmplz1b.tmpdisk 10 & D=$!
( /usr/bin/time -v $K/lmplz -o 5 -S 8G -T kenlm-tmp16 --discount_fallback < "$C" | wc -c > lmplz1b.arpa-bytes ) 2> lmplz1b.err
echo "lmplz exit $? ($(date -u +%H:%M:%S))" >> $LOG; kill $D; wait $D 2>/dev/null
grep -E 'Elapsed|Maximum resident|User time|System time' lmplz1b.err >> $LOG
echo "lmplz peak temp KiB: $(cat lmplz1b.tmpdisk 2>/dev/null); ARPA bytes: $(cat lmplz1b.arpa-bytes)" >> $LOG
{ echo "=== load after lmplz ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
nice $L eval --quiet --json --model lmkit1b.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit1b.json 2> eval-lmkit1b.err
cat eval-lmkit1b.json >> $LOG
nice $L ngram stats --model lmkit1b.zip > stats1b.out 2>&1
echo DONE >> $LOG
