#!/bin/bash
# run100.sh with memory=1g and -Xmx1700m (the mem1g runs): the values of orders 3 to 5 are then sorted by their
# rank on disk rather than placed in an array.
MEM=1g XMX=1700m exec "$(dirname "$0")/run100.sh" "$@"
