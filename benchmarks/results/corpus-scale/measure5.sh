#!/bin/bash
# lmplz right after measure4.sh's lmkit run, under the same load.
K=/work/shared/tools/kenlm/bin
{ echo "=== load before lmplz"; uptime; } >> measure5.log
/usr/bin/time -v $K/lmplz -o 5 -S 1G -T kenlm-tmp --discount_fallback < syn10000000.txt > kenlm10m-c.arpa 2> lmplz10m-c.err
echo "lmplz exit $?" >> measure5.log
grep -E 'Elapsed|Maximum resident|User time|System time' lmplz10m-c.err >> measure5.log
{ echo "=== load after"; uptime; } >> measure5.log
rm -f kenlm10m-c.arpa
echo DONE >> measure5.log
