#!/usr/bin/env python3
"""Writes prune-table.md from prune10.sh's outputs in this folder: per model, the n-grams and bytes that
`lmkit ngram stats` reports, the model file's size, and the held-out perplexity of `lmkit eval --json`."""
import json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
rows = [("unpruned", "none", "exact"), ("unpruned-q8", "none", "8-bit"),
        ("prune-001", "0 0 1", "exact"), ("prune-001-q8", "0 0 1", "8-bit"),
        ("prune-011", "0 1 1", "exact"), ("prune-011-q8", "0 1 1", "8-bit")]
base = None
out = ["| model | prune= | probabilities and backoffs | n-grams | model file | held-out perplexity | vs unpruned exact |",
       "|---|---|---|---:|---:|---:|---:|"]
for name, prune, quant in rows:
    stats = open(os.path.join(here, "stats-%s.txt" % name)).read()
    total = re.search(r"^total\s+([\d,]+)", stats, re.M).group(1)
    size = int(re.search(r"^file \S+\s+([\d,]+)", stats, re.M).group(1).replace(",", ""))
    ppl = json.load(open(os.path.join(here, "eval-%s.json" % name)))["perplexity"]
    if base is None:
        base = (size, ppl)
    out.append("| %s | %s | %s | %s | %.2f GB (%.0f%%) | %.4f | %+.2f%% |" % (
        name, prune, quant, total, size / 1e9, 100 * size / base[0], ppl, 100 * (ppl / base[1] - 1)))
print("\n".join(out))
