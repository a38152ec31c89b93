#!/usr/bin/env bash
# Issue 17's corpus-scale runs, one at a time, each under /usr/bin/time -v with its temporary folder's peak sampled
# every 10 s by du (BENCHMARKS.md, "Corpus scale"):
#   benchmarks/corpus-scale.sh DIR synth WORDS [SEED]     lmkit data synth --threads 2 into DIR/synWORDS.txt (kept if
#                                                         there), from a modified Kneser-Ney 5-gram of brown-v1
#   benchmarks/corpus-scale.sh DIR lmkit CORPUS MEMORY [PRUNE]
#                                                         lmkit train --model modified-kneser-ney --set order=5
#                                                         --set discountStatistics=lmplz --set memory=MEMORY [--set
#                                                         prune=PRUNE] (-Xmx: MEMORY + 15%), then its held-out
#                                                         perplexity and ngram stats; with CHECKPOINT=1 in the
#                                                         environment, --set checkpointDir=DIR/checkpoint-NAME
#                                                         instead of tempDir=, kept when a run stops, so that the
#                                                         same command goes on from the last checkpoint (each
#                                                         part timed and logged on its own: NAME.partN.*)
#   benchmarks/corpus-scale.sh DIR lmplz CORPUS MEMORY    lmplz -o 5 -S MEMORY --discount_fallback, its ARPA output
#                                                         counted by wc -c through a pipe (a 1 B-word ARPA file is
#                                                         ~80 GB, more than the machine's free disk), not stored
#   benchmarks/corpus-scale.sh DIR quantise MODEL BITS    lmkit ngram convert --layout trie --quantize-prob BITS
#                                                         --quantize-backoff BITS, then perplexity and stats
# The held-out sample is DIR/heldout-sample.txt: 20 MB of `data synth --tokens 1000000 --seed 2`, made on first use.
# Each run appends its figures to DIR/runs.log with the commit, the time and the load before and after.
# Run it from a clean checkout with the launcher built (mvn -B -ntp -DskipTests package); KenLM's binaries come
# from KENLM_BIN (default ../shared/tools/kenlm/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
dir=${1:-}; what=${2:-}
[[ -n "$dir" && -n "$what" ]] || usage
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
log="$dir/runs.log"
lmkit="$root/lmkit"
kenlm=${KENLM_BIN:-$root/../shared/tools/kenlm/bin}
[[ -x "$lmkit" && -f "$root/lm-cli/target/lm-cli.jar" ]] \
  || { echo "corpus-scale: build the launcher first: mvn -B -ntp -DskipTests package" >&2; exit 2; }

# Samples the size of $1 every 10 s, keeping the largest in KiB in $2, until killed.
peak_du() { local max=0 s; while true; do s=$(du -sk "$1" 2>/dev/null | cut -f1); if [[ ${s:-0} -gt $max ]]; then
  max=$s; echo "$max" > "$2"; fi; sleep 10; done; }
stamp() { echo "$1 $(date -u +%FT%TZ), commit $(git -C "$root" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$log"; }
times() { grep -E 'Elapsed|Maximum resident|User time|System time|Exit status' "$1" >> "$log"; }

brown_model() {
  if [[ ! -f "$dir/mkn5.zip" ]]; then
    "$lmkit" data brown --quiet --out "$dir/brown"
    "$lmkit" train --quiet --model modified-kneser-ney --set order=5 --set discountStatistics=lmplz \
      --train "$dir/brown/train.txt" --vocab "$dir/brown/vocab.txt" --out "$dir/mkn5.zip"
  fi
}

heldout() {
  if [[ ! -s "$dir/heldout-sample.txt" ]]; then
    brown_model
    "$lmkit" data synth --quiet --model "$dir/mkn5.zip" --tokens 1000000 --seed 2 --out "$dir/heldout.txt"
    head -c 20000000 "$dir/heldout.txt" | head -n -1 > "$dir/heldout-sample.txt"
  fi
}

score() { # MODEL NAME
  heldout
  "$lmkit" ngram stats --model "$1" > "$dir/stats-$2.txt" 2>&1
  /usr/bin/time -v -o "$dir/eval-$2.time" "$lmkit" eval --quiet --json --model "$1" --test "$dir/heldout-sample.txt" \
    > "$dir/eval-$2.json" 2> "$dir/eval-$2.err"
  echo "held-out: $(cat "$dir/eval-$2.json")" >> "$log"
  ls -l "$1" >> "$log"
}

case "$what" in
  synth)
    words=${3:?usage: corpus-scale.sh DIR synth WORDS [SEED]}; seed=${4:-1}
    out="$dir/syn$words.txt"
    if [[ -s "$out" ]]; then echo "corpus-scale: $out is there already" >&2; exit 0; fi
    brown_model
    stamp "=== synth $words words, seed $seed:"
    (cd "$dir" && /usr/bin/time -v -o "synth$words.time" "$lmkit" data synth --model mkn5.zip --tokens "$words" \
      --seed "$seed" --threads 2 --out "syn$words.txt" > "synth$words.log" 2>&1)
    times "$dir/synth$words.time"; grep "^wrote" "$dir/synth$words.log" >> "$log" ;;
  lmkit)
    corpus=${3:?usage: corpus-scale.sh DIR lmkit CORPUS MEMORY [PRUNE]}; memory=${4:?memory, e.g. 8g}; prune=${5:-}
    [[ -f "$corpus" ]] || { echo "corpus-scale: no corpus $corpus" >&2; exit 2; }
    name="lmkit-$(basename "$corpus" .txt)-$memory${prune:+-prune${prune// /}}"
    # The heap: memory= plus 15% for what is not sorters (the model's unigrams, buffers, the JVM's own).
    mib=$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+)([kmgt]?)', sys.argv[1].lower());\
n=int(m.group(1))*{'':1,'k':1<<10,'m':1<<20,'g':1<<30,'t':1<<40}[m.group(2)]; print(int(n*1.15/(1<<20))+64)" "$memory")
    if [[ "${CHECKPOINT:-}" == 1 ]]; then
      runs="$dir/checkpoint-$name"; mkdir -p "$runs"; folder=(--set "checkpointDir=$runs")
      part=1; while [[ -e "$dir/$name.part$part.time" ]]; do part=$((part + 1)); done; run="$name.part$part"
    else
      runs="$dir/runs-$name"; rm -rf "$runs"; mkdir -p "$runs"; folder=(--set "tempDir=$runs"); run=$name
    fi
    stamp "=== $run (-Xmx${mib}m):"
    peak_du "$runs" "$dir/$run.tmp-peak-kib" & sampler=$!
    trap 'kill $sampler 2>/dev/null || true' EXIT
    set +e
    LMKIT_JAVA_OPTS="-Xmx${mib}m" /usr/bin/time -v -o "$dir/$run.time" "$lmkit" train --model modified-kneser-ney \
      --set order=5 --set discountStatistics=lmplz --set memory="$memory" "${folder[@]}" \
      ${prune:+--set "prune=$prune"} --train "$corpus" --out "$dir/$name.zip" > "$dir/$run.out" 2> "$dir/$run.err"
    rc=$?
    set -e
    kill $sampler 2>/dev/null || true
    stamp "exit $rc at"
    times "$dir/$run.time"; grep -E "done in|going on from" "$dir/$run.err" >> "$log" || true
    echo "temporary folder peak KiB: $(cat "$dir/$run.tmp-peak-kib" 2>/dev/null); files left: $(ls -A "$runs" | wc -l)" >> "$log"
    rmdir "$runs" 2>/dev/null || true
    [[ $rc -eq 0 ]] && score "$dir/$name.zip" "$name"
    exit $rc ;;
  lmplz)
    corpus=${3:?usage: corpus-scale.sh DIR lmplz CORPUS MEMORY}; memory=${4:?memory, e.g. 8G}
    [[ -f "$corpus" ]] || { echo "corpus-scale: no corpus $corpus" >&2; exit 2; }
    [[ -x "$kenlm/lmplz" ]] || { echo "corpus-scale: no lmplz in $kenlm; set KENLM_BIN" >&2; exit 2; }
    name="lmplz-$(basename "$corpus" .txt)-$memory"
    tmp="$dir/tmp-$name"; rm -rf "$tmp"; mkdir -p "$tmp"
    stamp "=== $name:"
    peak_du "$tmp" "$dir/$name.tmp-peak-kib" & sampler=$!
    trap 'kill $sampler 2>/dev/null || true' EXIT
    set +e
    ( /usr/bin/time -v -o "$dir/$name.time" "$kenlm/lmplz" -o 5 -S "$memory" -T "$tmp" --discount_fallback \
      < "$corpus" | wc -c > "$dir/$name.arpa-bytes" ) 2> "$dir/$name.err"
    rc=$?
    set -e
    kill $sampler 2>/dev/null || true
    stamp "exit $rc at"
    times "$dir/$name.time"
    echo "temporary folder peak KiB: $(cat "$dir/$name.tmp-peak-kib" 2>/dev/null); ARPA bytes: $(cat "$dir/$name.arpa-bytes")" >> "$log"
    rm -rf "$tmp"
    exit $rc ;;
  quantise)
    model=${3:?usage: corpus-scale.sh DIR quantise MODEL BITS}; bits=${4:?bits, e.g. 8}
    [[ -f "$model" ]] || { echo "corpus-scale: no model $model" >&2; exit 2; }
    name="$(basename "$model" .zip)-q$bits"
    stamp "=== $name:"
    LMKIT_JAVA_OPTS="${LMKIT_JAVA_OPTS:--Xmx12g}" /usr/bin/time -v -o "$dir/$name.time" "$lmkit" ngram convert \
      --model "$model" --out "$dir/$name.zip" --layout trie --quantize-prob "$bits" --quantize-backoff "$bits" \
      > "$dir/$name.out" 2> "$dir/$name.err"
    stamp "done at"
    times "$dir/$name.time"
    score "$dir/$name.zip" "$name" ;;
  *) usage ;;
esac
