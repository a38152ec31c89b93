#!/bin/bash
# Continues measure16.sh (stopped at 16:27 before its lmplz step, which moves to the next session so that the
# 1 B-word model is scored and quantised in this one): waits for the lmkit 1 B-word run (PID 4673, /usr/bin/time)
# to end, stops its du sampler (PID 4672), then records what measure16.sh would have, scores the model on the
# held-out sample, reports it (ngram stats), and quantises it to 8 bits (ngram convert, re-encoded as written).
set -u
cd /work/m17
L=/work/wt-1b/lmkit
C=/work/wt-conv/lmkit  # b3467a5: ngram convert re-encodes a trie as it writes it
LOG=measure16.log
while kill -0 4673 2>/dev/null; do sleep 5; done
kill 4672 2>/dev/null
echo "lmkit ended ($(date -u +%H:%M:%S)); $(grep 'Exit status' lmkit1b.err)" >> $LOG
grep -E 'Elapsed|Maximum resident|User time|System time|File system outputs' lmkit1b.err >> $LOG
grep "done in" lmkit1b.err >> $LOG
echo "lmkit peak temp KiB: $(cat lmkit1b.tmpdisk 2>/dev/null)" >> $LOG
echo "files left in tempDir: $(ls -A runs16 | wc -l)" >> $LOG; ls -l lmkit1b.zip >> $LOG
{ echo "=== load after lmkit ($(date -u +%H:%M:%S))"; uptime; } >> $LOG
$L ngram stats --model lmkit1b.zip > stats1b.out 2>&1
/usr/bin/time -v -o eval-lmkit1b.time $L eval --quiet --json --model lmkit1b.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit1b.json 2> eval-lmkit1b.err
cat eval-lmkit1b.json >> $LOG; grep -E 'Elapsed|Maximum resident' eval-lmkit1b.time >> $LOG
echo "=== q8 ($(date -u +%H:%M:%S))" >> $LOG
LMKIT_JAVA_OPTS=-Xmx12g /usr/bin/time -v -o lmkit1b-q8.time $C ngram convert --model lmkit1b.zip --out lmkit1b-q8.zip \
  --layout trie --quantize-prob 8 --quantize-backoff 8 > lmkit1b-q8.out 2> lmkit1b-q8.err
echo "q8 exit $? ($(date -u +%H:%M:%S))" >> $LOG; grep -E 'Elapsed|Maximum resident|User time' lmkit1b-q8.time >> $LOG
ls -l lmkit1b-q8.zip >> $LOG
$L ngram stats --model lmkit1b-q8.zip > stats1b-q8.out 2>&1
/usr/bin/time -v -o eval-lmkit1b-q8.time $L eval --quiet --json --model lmkit1b-q8.zip --test /tmp/s17/bench/heldout-sample.txt > eval-lmkit1b-q8.json 2> eval-lmkit1b-q8.err
cat eval-lmkit1b-q8.json >> $LOG; grep -E 'Elapsed|Maximum resident' eval-lmkit1b-q8.time >> $LOG
echo "DONE $(date -u +%H:%M:%S)" >> $LOG
