#!/usr/bin/env bash
# brown-v1 (shared/data/brown/PROTOCOL.md) implemented again in awk, independently of lmkit's BrownSplits:
# writes OUT/brown.{train,valid,test}.txt and prints each split's sentences and words.
# Usage: brown-v1-splits.sh BROWN_DIR OUT
set -euo pipefail
src=$1 out=$2
mkdir -p "$out"
files=$(cd "$src" && ls | LC_ALL=C grep -E '^c[a-r][0-9][0-9]$' | LC_ALL=C sort)
(cd "$src" && cat $files) | LC_ALL=C awk -v out="$out" '
  NF > 0 {                                   # a line not blank after trimming is a sentence
    split_ = preceding < 800000 ? "train" : preceding < 1000000 ? "valid" : "test"
    s = ""
    for (i = 1; i <= NF; i++) {
      w = $i; sub(/\/[^\/]*$/, "", w)        # the word is everything before the last /
      s = s (i > 1 ? " " : "") w
      if (split_ == "train") count[w]++
    }
    n++; sent[n] = s; which[n] = split_; sentences[split_]++; words[split_] += NF; preceding += NF
  }
  END {
    for (i = 1; i <= n; i++) {
      k = split(sent[i], ws, " "); line = ""
      for (j = 1; j <= k; j++) line = line (j > 1 ? " " : "") (count[ws[j]] >= 4 ? ws[j] : "<unk>")
      print line > (out "/brown." which[i] ".txt")
    }
    types = 1                                # <unk>
    for (w in count) if (count[w] >= 4 && w != "<unk>") types++
    for (s in sentences) printf "%s: %d sentences, %d words\n", s, sentences[s], words[s]
    printf "vocabulary: %d words including <unk>\n", types
  }'
(cd "$out" && sha256sum brown.train.txt brown.valid.txt brown.test.txt)
