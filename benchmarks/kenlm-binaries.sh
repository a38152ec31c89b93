#!/usr/bin/env bash
# KenLM's binaries of its own order-5 model of brown-v1, for the sizes BENCHMARKS.md sets lmkit's layouts
# against (issue 16): lmplz -o 5 on the training split (<unk> renamed, as lmplz refuses the literal word),
# build_binary probing, trie, and trie -q 8 -b 8, each file's size and query's perplexity on the test split.
#
#   benchmarks/kenlm-binaries.sh DIR     # benchmarks/run.sh kenlm-binaries calls it with its result folder
#
# Needs KenLM's programs in ../shared/tools/kenlm/bin (or KENLM_BIN) and lmkit built (for brown-v1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:?usage: benchmarks/kenlm-binaries.sh DIR}"
kenlm="${KENLM_BIN:-$root/../shared/tools/kenlm/bin}"
brown="${LMKIT_BROWN:-$root/../shared/data/brown}"
for p in lmplz build_binary query; do
  [[ -x "$kenlm/$p" ]] || { echo "kenlm-binaries: $kenlm/$p not found; set KENLM_BIN" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./lmkit data brown --quiet --source "$brown" --out "$work/brown-v1" >/dev/null
for s in train test; do sed 's/<unk>/__UNK__/g' "$work/brown-v1/$s.txt" > "$work/k.$s.txt"; done
"$kenlm/lmplz" -o 5 -S 2G -T "$work" < "$work/k.train.txt" > "$work/k5.arpa" 2>/dev/null
"$kenlm/build_binary" probing "$work/k5.arpa" "$work/k5.probing" >/dev/null 2>&1
"$kenlm/build_binary" trie "$work/k5.arpa" "$work/k5.trie" >/dev/null 2>&1
"$kenlm/build_binary" -q 8 -b 8 trie "$work/k5.arpa" "$work/k5.trie-q8b8" >/dev/null 2>&1
for m in probing trie trie-q8b8; do
  echo "== k5.$m: $(stat -c %s "$work/k5.$m") bytes"
  "$kenlm/query" -v summary "$work/k5.$m" < "$work/k.test.txt" 2>/dev/null | grep -i 'perplexity\|OOV' || true
done | tee "$out/kenlm-binaries.txt"
