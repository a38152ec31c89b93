#!/bin/bash
P=$(pgrep -f "^java.*ptb-schedule.yaml" | head -1)
kill -STOP $P
echo "PTB ($P) stopped $(date -u +%H:%M:%S)" | tee -a measure10-pair.log >> measure10.log
sleep 20
timeout 900 /work/m17/measure10-pair.sh
timeout 1800 /work/m17/measure10.sh
kill -CONT $P
echo "PTB continued $(date -u +%H:%M:%S)" >> measure10.log
