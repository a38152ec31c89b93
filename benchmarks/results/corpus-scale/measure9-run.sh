#!/bin/bash
kill -STOP $(cat /work/m17/ptb.pid)
echo "PTB stopped $(date -u +%H:%M:%S)" >> /work/m17/measure9.log
NEW=/work/main timeout 3000 /work/m17/measure9.sh
kill -CONT $(cat /work/m17/ptb.pid)
echo "PTB continued $(date -u +%H:%M:%S)" >> /work/m17/measure9.log
