#!/bin/bash
# Stops part 1 of the 1 B-word run (SIGTERM, as Ctrl-C) once the checkpoint after order 5 is written (the
# writing pass has started), so that the session's end cannot fall between the estimation emptying its
# checkpoint folder and train saving the model: the next part writes the tables and saves from that checkpoint.
E=/tmp/s17/bench/lmkit-syn1000000000-8g.part1.err
until grep -q "writing the model's tables: started" $E; do sleep 1; done
P=$(pgrep -f "java.*checkpointDir=/tmp/s17/bench/checkpoint-lmkit-syn1000000000-8g")
echo "writing started; SIGTERM to $P at $(date -u +%T)" >> /work/m17/m23/measure23.log
kill -TERM $P
