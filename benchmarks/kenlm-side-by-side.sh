#!/usr/bin/env bash
# Paired whole-process timings of lmkit against KenLM on brown-v1 (issue 16): the two programs alternate,
# PAIRS pairs a job, each run under /usr/bin/time -v (wall, user+sys CPU, peak RSS); the medians go into a
# Markdown table on standard output. Raw output of every run, the commit, the machine and the load averages
# are kept under benchmarks/results/kenlm-side-by-side/.
#
#   benchmarks/kenlm-side-by-side.sh            # every job, 5 pairs each
#   PAIRS=3 JOBS="score-probing" benchmarks/kenlm-side-by-side.sh
#   LABEL=no-cds LMKIT_CDS=0 benchmarks/kenlm-side-by-side.sh   # a variant, kept in its own folder
#
# WORK=DIR keeps brown-v1 and the models between runs (default: a new temporary folder).
# Needs lmkit built (mvn -q -B -DskipTests package) and KenLM's programs in ../shared/tools/kenlm/bin
# (or KENLM_BIN). Jobs: estimate-3 estimate-5 score-probing score-trie.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
kenlm="${KENLM_BIN:-$root/../shared/tools/kenlm/bin}"
brown="${BROWN_SOURCE:-$root/../shared/data/brown}"
pairs="${PAIRS:-5}"
jobs="${JOBS:-estimate-3 estimate-5 score-probing score-trie}"
results="$root/benchmarks/results/kenlm-side-by-side${LABEL:+/$LABEL}"
work="${WORK:-$(mktemp -d)}"
for p in lmplz build_binary query; do
  [[ -x "$kenlm/$p" ]] || { echo "kenlm-side-by-side: $kenlm/$p not found; set KENLM_BIN" >&2; exit 1; }
done
[[ -f lm-cli/target/lm-cli.jar ]] || { echo "kenlm-side-by-side: build lmkit first (mvn -q -B -DskipTests package)" >&2; exit 1; }
mkdir -p "$results/raw"
# Only the runs of the jobs about to run are replaced: the raw output of the others stays.
for job in $jobs; do rm -f "$results/raw/$job"-*.time "$results/raw/$job"-*.out; done

# The machine and the commit, with the load average before (and, at the end, after).
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo ' (with uncommitted changes)')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "pairs: $pairs"
  echo "LMKIT_JAVA_OPTS: ${LMKIT_JAVA_OPTS:-}"
  echo "LMKIT_CDS: ${LMKIT_CDS:-1}"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results/machine.txt"

# brown-v1 as lmkit writes it, and KenLM's copies with <unk> renamed (lmplz refuses the literal word).
data="$work/brown-v1"
if [[ ! -f "$data/test.txt" ]]; then
  ./lmkit data brown --quiet --source "$brown" --out "$data" >/dev/null
fi
for s in train test; do sed 's/<unk>/__UNK__/g' "$data/$s.txt" > "$work/k.$s.txt"; done
: > "$work/test12.txt"; : > "$work/k.test12.txt"
for _ in $(seq 12); do cat "$data/test.txt" >> "$work/test12.txt"; cat "$work/k.test.txt" >> "$work/k.test12.txt"; done

# One timed run: NAME then the command; standard input from $stdin (default /dev/null).
timed() {
  local name="$1"; shift
  /usr/bin/time -v -o "$results/raw/$name.time" "$@" < "${stdin:-/dev/null}" > "$results/raw/$name.out" 2>&1
}
# Median of field F (wall|cpu|rss) over the runs of NAME-*.
median() {
  local name="$1" field="$2"
  for f in "$results"/raw/"$name"-*.time; do
    awk -v field="$field" '
      /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
      /User time/ { u = $NF } /System time/ { s = $NF } /Maximum resident/ { r = $NF }
      END { if (field == "wall") print w; else if (field == "cpu") print u + s; else print r / 1024 }' "$f"
  done | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# Alternates KenLM's command (array k) and lmkit's (array l), PAIRS times; who goes first alternates too.
paired() {
  local job="$1" i
  for i in $(seq "$pairs"); do
    if (( i % 2 )); then
      stdin="$kstdin" timed "$job-kenlm-$i" "${k[@]}"; stdin="$lstdin" timed "$job-lmkit-$i" "${l[@]}"
    else
      stdin="$lstdin" timed "$job-lmkit-$i" "${l[@]}"; stdin="$kstdin" timed "$job-kenlm-$i" "${k[@]}"
    fi
  done
}
row() {
  local job="$1" what="$2" kdesc="$3" ldesc="$4"
  local kw kc kr lw lc lr
  kw=$(median "$job-kenlm" wall); kc=$(median "$job-kenlm" cpu); kr=$(median "$job-kenlm" rss)
  lw=$(median "$job-lmkit" wall); lc=$(median "$job-lmkit" cpu); lr=$(median "$job-lmkit" rss)
  awk -v what="$what" -v kd="$kdesc" -v ld="$ldesc" -v kw="$kw" -v kc="$kc" -v kr="$kr" -v lw="$lw" -v lc="$lc" -v lr="$lr" \
    'BEGIN { printf "| %s | %s: %.2f s wall, %.2f s CPU, %.0f MB | %s: %.2f s wall, %.2f s CPU, %.0f MB | %.2f× | %.2f× | %.2f× |\n",
      what, kd, kw, kc, kr, ld, lw, lc, lr, lw / kw, lc / kc, lr / kr }' >> "$results/table.md"
}

# The models the scoring jobs load (made once, not timed).
if [[ " $jobs " == *" score-"* ]]; then
  [[ -f "$work/k5.arpa" ]] || "$kenlm/lmplz" -o 5 -S 2G -T "$work" < "$work/k.train.txt" > "$work/k5.arpa" 2>/dev/null
  [[ -f "$work/k5.probing" ]] || "$kenlm/build_binary" probing "$work/k5.arpa" "$work/k5.probing" >/dev/null 2>&1
  [[ -f "$work/k5.trie" ]] || "$kenlm/build_binary" trie "$work/k5.arpa" "$work/k5.trie" >/dev/null 2>&1
  [[ -f "$work/kn5.zip" ]] || ./lmkit train --quiet --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz \
    --train "$data/train.txt" --vocab "$data/vocab.txt" --out "$work/kn5.zip" >/dev/null
  [[ -f "$work/kn5-trie.zip" ]] || ./lmkit ngram convert --quiet --model "$work/kn5.zip" --out "$work/kn5-trie.zip" --layout trie >/dev/null
fi

printf '| job | KenLM | lmkit | wall | CPU | peak RSS |\n|---|---|---|---:|---:|---:|\n' > "$results/table.md"
for job in $jobs; do
  case "$job" in
    estimate-[0-9])
      n="${job#estimate-}"
      k=(sh -c "'$kenlm/lmplz' -o $n -S 2G -T '$work' > '$work/e$n.arpa'"); kstdin="$work/k.train.txt"
      l=(./lmkit train --quiet --model modified-kneser-ney --set order="$n" --set discountStatistics=lmplz
         --train "$data/train.txt" --vocab "$data/vocab.txt" --out "$work/e$n.zip"); lstdin=/dev/null
      paired "$job"
      row "$job" "estimate order-$n MKN on train.txt, write the model" "\`lmplz -o $n\`" "\`lmkit train\`" ;;
    score-probing|score-trie)
      layout="${job#score-}"
      lmodel="$work/kn5.zip"; [[ "$layout" == trie ]] && lmodel="$work/kn5-trie.zip"
      k=("$kenlm/query" -v summary "$work/k5.$layout"); kstdin="$work/k.test12.txt"
      l=(./lmkit eval --quiet --model "$lmodel" --test "$work/test12.txt"); lstdin=/dev/null
      paired "$job"
      row "$job" "load order 5 ($layout) + score test.txt ×12" "\`query\` ($layout binary)" "\`lmkit eval\`" ;;
    *) echo "kenlm-side-by-side: unknown job $job" >&2; exit 2 ;;
  esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
cat "$results/table.md"
echo
sed 's/^/    /' "$results/machine.txt"
