#!/bin/bash
# run100.sh with the temporary folder's size sampled every 5 s (its peak in KiB into LABEL.tmpdisk) and the
# model file's size recorded (LABEL.model-bytes).
W=$1; L=$2
peak_du() { local max=0; while true; do s=$(du -sk runs 2>/dev/null | cut -f1); [[ ${s:-0} -gt $max ]] && max=$s && echo $max > "$L.tmpdisk"; sleep 5; done; }
mkdir -p runs; peak_du & D=$!
sed -e 's/^rm -f $L.zip$/stat -c %s $L.zip > $L.model-bytes; rm -f $L.zip/' run100.sh > run100-keepsize.sh
bash run100-keepsize.sh "$W" "$L"
kill $D; wait $D 2>/dev/null
echo "peak temp KiB: $(cat $L.tmpdisk); model bytes: $(cat $L.model-bytes)" >> $L.log
