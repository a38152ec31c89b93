#!/usr/bin/env python3
"""Writes table.md: size against held-out perplexity of the 1 B-word order-5 models (corpus-scale.sh's outputs,
copied here): per model, the n-grams and bytes `lmkit ngram stats` reports and the perplexity of `lmkit eval
--json` on the 1 M-word held-out sample; the 100 M-word models of ../prune-table.md beside them. A model whose
files are not here yet is left out. Run from this folder: ./table.py > table.md"""
import json, os, re

here = os.path.dirname(os.path.abspath(__file__))
rows = [("lmkit-syn1000000000-8g", "1 B", "none", "exact", here),
        ("lmkit-syn1000000000-8g-q8", "1 B", "none", "8-bit", here),
        ("lmkit-syn1000000000-8g-prune001", "1 B", "0 0 1", "exact", here),
        ("lmkit-syn1000000000-8g-prune001-q8", "1 B", "0 0 1", "8-bit", here),
        ("unpruned", "100 M", "none", "exact", os.path.join(here, "..")),
        ("prune-001", "100 M", "0 0 1", "exact", os.path.join(here, ".."))]
base = None
out = ["| model | words | prune= | probabilities and backoffs | n-grams | model file | held-out perplexity"
       " | vs 1 B unpruned exact |",
       "|---|---|---|---|---:|---:|---:|---:|"]
for name, words, prune, quant, folder in rows:
    stats_file = os.path.join(folder, "stats-%s.txt" % name)
    eval_file = os.path.join(folder, "eval-%s.json" % name)
    if not (os.path.exists(stats_file) and os.path.exists(eval_file)):
        continue
    stats = open(stats_file).read()
    total = re.search(r"^total\s+([\d,]+)", stats, re.M).group(1)
    size = int(re.search(r"^file \S+\s+([\d,]+)", stats, re.M).group(1).replace(",", ""))
    ppl = json.load(open(eval_file))["perplexity"]
    if base is None:
        base = (size, ppl)
    out.append("| %s | %s | %s | %s | %s | %.2f GB (%.0f%%) | %.4f | %+.2f%% |" % (
        name, words, prune, quant, total, size / 1e9, 100 * size / base[0], ppl, 100 * (ppl / base[1] - 1)))
print("\n".join(out))
