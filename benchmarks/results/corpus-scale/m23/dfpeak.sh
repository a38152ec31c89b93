#!/bin/bash
# Samples the used KiB of / every 10 s while lmplz runs (its temporary files are unlinked once opened, so du of
# its -T folder sees nothing), keeping the largest; baseline = used before it started is noted separately.
max=0
while pgrep -x lmplz > /dev/null; do
  u=$(df -k --output=used / | tail -1 | tr -d ' ')
  if [[ $u -gt $max ]]; then max=$u; echo "$max $(date -u +%T)" > /work/m17/m23/lmplz1b-df-peak-kib; fi
  sleep 10
done
echo "lmplz gone $(date -u +%T); after: $(df -k --output=used / | tail -1 | tr -d ' ')" >> /work/m17/m23/lmplz1b-df-peak-kib
