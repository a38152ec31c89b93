#!/bin/bash
# One lmkit run of the 100 M-word corpus (run100.sh: build in worktree $1, label $2, MEM=, XMX=, XOPTS=) with the
# java process's CPU per thread and its RSS (anonymous, file) sampled every second by threads.py into $2.threads,
# and a GC log in $2.gc.
W=$1; L=$2
./threads.py $L.threads & S=$!
XOPTS="$XOPTS -Xlog:gc:file=$PWD/$L.gc" ./run100.sh $W $L
wait $S
