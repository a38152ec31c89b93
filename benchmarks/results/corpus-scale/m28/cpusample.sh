#!/bin/bash
# Machine-wide CPU use per second (user+system jiffies of all cores, 100 per core-second) into $1 until killed.
prev=$(awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat)
while sleep 1; do cur=$(awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat); echo "$(date -u +%T) $((cur-prev))"; prev=$cur; done > "$1"
