#!/usr/bin/env bash
# The independent reference values that lmkit's Brown tests compare with, made once by hand (tests never run
# KenLM): brown-v1 written by brown-v1-splits.sh (PROTOCOL.md in awk, not lmkit's code), then KenLM's lmplz
# (modified Kneser-Ney, default discounts) of orders 2 to 6 and query's perplexities on valid and test.
# Prints every value the tests record (KenlmReferenceTest, KneserNeyBrownTest, BrownSplitsTest) and writes the
# order-5 sample lm-ngram/src/test/resources/kenlm/brown-o5-sample.tsv. KenLM commit 4cb443e
# (../shared/tools/kenlm). Usage, from the repository root:
#   scripts/reference/kenlm-brown.sh [BROWN_DIR [KENLM_BIN]]   (about 30 s and 350 MB of temporary files)
set -euo pipefail
brown=${1:-../shared/data/brown}
kenlm=${2:-../shared/tools/kenlm/bin}
sample=lm-ngram/src/test/resources/kenlm/brown-o5-sample.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$(dirname "$0")/brown-v1-splits.sh" "$brown" "$work/splits"
# lmplz refuses the word <unk> (it is KenLM's own unknown word): the protocol's <unk> is spelled __UNK__.
for s in train valid test; do sed 's/<unk>/__UNK__/g' "$work/splits/brown.$s.txt" >"$work/k.$s.txt"; done
for order in 2 3 4 5 6; do
  "$kenlm/lmplz" -o "$order" -S 1G -T "$work" <"$work/k.train.txt" >"$work/k$order.arpa" 2>"$work/lmplz$order.log"
  echo "order $order: $(grep '^ngram ' "$work/k$order.arpa" | tr '\n' ' ')"
  for s in valid test; do
    echo "  $s: $("$kenlm/query" -v summary "$work/k$order.arpa" <"$work/k.$s.txt" 2>/dev/null \
      | grep -E '^(Perplexity including OOVs|OOVs|Tokens):' | tr '\t\n' '  ')"
  done
done

{
  cat <<'HEADER'
# 100 entries of KenLM's order-5 modified Kneser-Ney model of brown-v1, for KenlmReferenceTest: 20 entries
# of each n-gram section of the ARPA file, one every (count/20) lines (KenLM's own <unk> skipped), as
# ORDER<TAB>log10 p<TAB>n-gram<TAB>log10 backoff (empty for the highest order). Made once, by hand, by
# scripts/reference/kenlm-brown.sh (lmplz -o 5 of KenLM commit 4cb443e on brown.train.txt, <unk> spelled __UNK__).
HEADER
  awk -F'\t' '/^ngram [0-9]=/ { split($0, a, /[ =]/); n[a[2]] = a[3]; next }
    /^\\[0-9]-grams:/ { order = substr($0, 2, 1); i = 0; step = int(n[order] / 20); next }
    /^$/ || /^\\/ { next }
    order > 0 && $2 != "<unk>" { i++; if ((i - 1) % step == 0 && taken[order] < 20) { taken[order]++; print order "\t" $1 "\t" $2 "\t" $3 } }' \
    "$work/k5.arpa"
} >"$sample"
echo "wrote $sample"
