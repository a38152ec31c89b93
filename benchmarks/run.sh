#!/usr/bin/env bash
# Runs named benchmarks and keeps their raw output, so that every number in BENCHMARKS.md has its evidence.
#
#   benchmarks/run.sh [--allow-dirty] [--list] NAME...
#
# For each NAME (see --list) it runs the registered command under `/usr/bin/time -v` from the repository
# root and writes into benchmarks/results/NAME/ (replacing what a previous run of NAME left there):
#   command.log  the command's stdout and stderr
#   time.txt     /usr/bin/time -v's report (wall, user and system CPU, peak RSS)
#   jmh.json     JMH's results, for the JMH benchmarks (-rf json)
#   run.json     the commit (and whether the work tree had changes), the machine (nproc, CPU model,
#                memory), the load average before and after, the start and end dates, the command, its exit status
# Other outputs (reports, CSVs) go where the command puts them under $DIR, the same folder; a comparison's
# report goes to $DIR/report, since lmkit compare --out takes only a new folder or one holding a report.
# A work tree with uncommitted changes is refused unless --allow-dirty (then run.json says "dirty": true).
# Build first: mvn -q -B -DskipTests package (the benchmark jar and ./lmkit).
# The tables of BENCHMARKS.md are then regenerated from these files by
#   java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.report.BenchmarkTables --write
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

jar=benchmarks/target/benchmarks.jar
cp_jar="-cp $jar"
vec="--add-modules jdk.incubator.vector"
brown="-Dlmkit.brown=${LMKIT_BROWN:-../shared/data/brown}"

# NAME -> the command, run with bash -c from the repository root; $DIR is the result folder.
# The commands are the ones BENCHMARKS.md gives for each section.
command_for() {
  case "$1" in
    compare-default) echo './lmkit compare --out "$DIR/report"' ;;
    head-to-head) echo "java $vec -Djava.awt.headless=true $cp_jar io.lmkit.benchmarks.HeadToHead \"\$DIR/report\" --keep-models && ./lmkit compare --config benchmarks/head-to-head-stream.yaml --out \"\$DIR/stream\"" ;;
    ngram-jmh) echo "java $brown -jar $jar NgramBenchmark -f 2 -wi 5 -i 5 -w 2s -r 2s -rf json -rff \"\$DIR/jmh.json\"" ;;
    # JMH's include is a regular expression: plain "GemmBenchmark" would also run Nd4jGemmBenchmark.
    gemm-jmh) echo "java $vec -jar $jar '\\.GemmBenchmark\\.' -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff \"\$DIR/jmh.json\"" ;;
    nd4j-gemm-jmh) echo "java -jar $jar Nd4jGemmBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff \"\$DIR/jmh.json\"" ;;
    fma-ceiling) echo "java $vec -jar $jar FmaCeiling -f 2 -wi 3 -i 5 -w 1s -r 1s -rf json -rff \"\$DIR/jmh.json\"" ;;
    rnn-step-allocation) echo "java -jar $jar RnnStepAllocation -prof gc -wi 2 -i 3 -f 1 -w 2s -r 2s -rf json -rff \"\$DIR/jmh.json\"" ;;
    ngram-memory-parallel-gc) echo "java $brown -XX:+UseParallelGC $cp_jar io.lmkit.benchmarks.NgramOrderTable 5" ;;
    ngram-memory-g1) echo "java $brown $cp_jar io.lmkit.benchmarks.NgramOrderTable 5" ;;
    ngram-order-table) echo "java $brown -Xmx4g $cp_jar io.lmkit.benchmarks.NgramOrderTable 6" ;;
    smoothing-table) echo "java $brown -Xmx6g $cp_jar io.lmkit.benchmarks.SmoothingTable 2 3 5" ;;
    ngram-layouts) echo './lmkit data brown --source ${LMKIT_BROWN:-../shared/data/brown} --out "$DIR/brown-v1" && ./lmkit train --model modified-kneser-ney --set order=5 --train "$DIR/brown-v1/train.txt" --vocab "$DIR/brown-v1/vocab.txt" --out "$DIR/kn5.zip" && ./lmkit ngram convert --model "$DIR/kn5.zip" --out "$DIR/kn5-trie.zip" --layout trie && ./lmkit ngram convert --model "$DIR/kn5.zip" --out "$DIR/kn5-trie-f32.zip" --layout trie --quantize-backoff 32 && ./lmkit ngram convert --model "$DIR/kn5.zip" --out "$DIR/kn5-q8.zip" --layout trie --quantize-prob 8 --quantize-backoff 8 && for m in kn5 kn5-trie kn5-trie-f32 kn5-q8; do ls -l "$DIR/$m.zip"; ./lmkit ngram stats "$DIR/$m.zip"; ./lmkit eval --model "$DIR/$m.zip" --test "$DIR/brown-v1/test.txt" --json; done' ;;
    model-load-time) echo "test -f \"\$DIR/../ngram-layouts/kn5.zip\" || { echo 'run benchmarks/run.sh ngram-layouts first' >&2; exit 2; }; for m in kn5 kn5-trie kn5-q8; do java $cp_jar io.lmkit.benchmarks.ModelLoadTime \"\$DIR/../ngram-layouts/\$m.zip\"; done" ;;
    ngram-backoff) echo 'L="$DIR/../ngram-layouts"; test -f "$L/kn5.zip" || { echo "run benchmarks/run.sh ngram-layouts first" >&2; exit 2; }; ./lmkit ngram stats --model "$L/kn5.zip" --test "$L/brown-v1/test.txt"' ;;
    arpa-import) echo 'L="$DIR/../ngram-layouts"; test -f "$L/kn5.zip" || { echo "run benchmarks/run.sh ngram-layouts first" >&2; exit 2; }; ./lmkit arpa export --model "$L/kn5.zip" --out "$DIR/mkn5.arpa" && ls -l "$DIR/mkn5.arpa" && LMKIT_JAVA_OPTS=-Xmx160m /usr/bin/time -v -o "$DIR/import-time.txt" ./lmkit arpa import --arpa "$DIR/mkn5.arpa" --out "$DIR/mkn5.zip"; rc=$?; rm -f "$DIR/mkn5.arpa" "$DIR/mkn5.zip"; exit $rc' ;;
    fixed-window-brown) echo "java $vec $brown -Xmx8g $cp_jar io.lmkit.benchmarks.FixedWindowBrown maxMinutes=25 hidden=200 epochs=20 validateEvery=2000 dropout=0.1" ;;
    fixed-window-nd4j-speed) echo "java $vec $brown -Xmx8g $cp_jar io.lmkit.benchmarks.FixedWindowBrown maxTokens=192000 hidden=200 epochs=1 backend=nd4j-cpu threads=2" ;;
    rnn-speed) echo "OMP_NUM_THREADS=1 java $vec -Xmx8g $cp_jar io.lmkit.benchmarks.RnnSpeed 60" ;;
    transformer-brown) echo "java $vec -Djava.awt.headless=true $cp_jar io.lmkit.benchmarks.HeadToHead \"\$DIR/report\" --config benchmarks/transformer-brown.yaml --keep-models" ;;
    # lmkit gradients and lmkit attention on the model transformer-brown kept (run that first).
    transformer-diagnostics) echo 'm="$(ls "$DIR"/../transformer-brown/report/models/transformer-*.lmkit 2>/dev/null | head -n 1)"; test -n "$m" || { echo "run benchmarks/run.sh transformer-brown first" >&2; exit 2; }; ./lmkit gradients --model "$m" --data data/brown-v1/valid.txt --out "$DIR/gradients" --distance 50 --streams 20 && ./lmkit attention --model "$m" --text "the students opened their books ." --out "$DIR/attention"' ;;
    transformer-speed) echo "java $vec -Xmx8g $cp_jar io.lmkit.benchmarks.TransformerSpeed 200000" ;;
    recurrent-brown) rb="java $vec $brown -Xmx8g $cp_jar io.lmkit.benchmarks.RecurrentBrown"
      echo "$rb lstm maxMinutes=24 embedding=256 hidden=256 dropout=0.35 epochs=30 patience=2 out=\"\$DIR/runs\" && $rb gru maxMinutes=20 embedding=256 hidden=256 dropout=0.35 epochs=30 patience=2 out=\"\$DIR/runs\" && $rb rnn maxMinutes=16 embedding=256 hidden=256 dropout=0.25 learningRate=0.001 epochs=30 patience=2 out=\"\$DIR/runs\"" ;;
    # The transformer's curve joins when benchmarks/run.sh transformer-brown has kept its model.
    gradient-flow) echo "t=\$(ls \"\$DIR\"/../transformer-brown/report/models/transformer-*.lmkit 2>/dev/null | head -n 1); java $vec -Djava.awt.headless=true $cp_jar io.lmkit.benchmarks.GradientFlowReport \"\$DIR/../recurrent-brown/runs\" \"\$DIR\" \${t:+transformer=\"\$t\"}" ;;
    long-range-probe) echo "java $vec -Djava.awt.headless=true $cp_jar io.lmkit.benchmarks.LongRangeProbe out=\"\$DIR\"" ;;
    kenlm-binaries) echo 'benchmarks/kenlm-binaries.sh "$DIR"' ;;
    ptb) echo './lmkit compare --config benchmarks/ptb.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-sentence) echo 'test -d "$DIR/../ptb/stream/models" || { echo "run benchmarks/run.sh ptb first" >&2; exit 2; }; ./lmkit compare --config benchmarks/ptb-sentence.yaml --out "$DIR/report"' ;;
    ptb-fixed-window) echo './lmkit compare --config benchmarks/ptb-fixed-window.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-fixed-window-wide) echo './lmkit compare --config benchmarks/ptb-fixed-window-wide.yaml --keep-models --out "$DIR/stream"' ;;
    # Each kept LSTM is then scored under the sentence protocol too (the same model, no retraining).
    ptb-schedule) echo './lmkit compare --config benchmarks/ptb-schedule.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-direct) echo './lmkit compare --config benchmarks/ptb-direct.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-rnn-budget) echo './lmkit compare --config benchmarks/ptb-rnn-budget.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-direct-wd) echo './lmkit compare --config benchmarks/ptb-direct-wd.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-rnn-wide) echo './lmkit compare --config benchmarks/ptb-rnn-wide.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-rnn-tied) echo './lmkit compare --config benchmarks/ptb-rnn-tied.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-direct-wd3) echo './lmkit compare --config benchmarks/ptb-direct-wd3.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-direct-wd-long) echo './lmkit compare --config benchmarks/ptb-direct-wd-long.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-direct-wd-30min) echo './lmkit compare --config benchmarks/ptb-direct-wd-30min.yaml --keep-models --out "$DIR/stream"' ;;
    ptb-lstm) echo './lmkit compare --config benchmarks/ptb-lstm.yaml --keep-models --out "$DIR/stream" && for m in "$DIR"/stream/models/lstm*.lmkit; do n="$(basename "$m" .lmkit)"; ./lmkit eval --model "$m" --test ../shared/data/ptb/ptb.test.txt --protocol sentence --json > "$DIR/eval-sentence-${n%-*}.json" || exit 1; done' ;;
    # The sentence protocol scores the stream run's kept model (the same model, no retraining) with lmkit eval.
    ptb-transformer) echo './lmkit compare --config benchmarks/ptb-transformer.yaml --keep-models --out "$DIR/stream" && m="$(ls "$DIR"/stream/models/transformer-*.lmkit)" && ./lmkit eval --model "$m" --test ../shared/data/ptb/ptb.test.txt --protocol stream --json > "$DIR/eval-stream.json" && ./lmkit eval --model "$m" --test ../shared/data/ptb/ptb.test.txt --protocol sentence --json > "$DIR/eval-sentence.json"' ;;
    score-vs-train) echo "java $vec $brown -Xmx8g $cp_jar io.lmkit.benchmarks.ScoreVsTrain \"\$DIR\"" ;;
    cloze-brown) echo "java $brown $cp_jar io.lmkit.benchmarks.ClozeBrown out=\"\$DIR\"" ;;
    kenlm-side-by-side)
      if [[ -x benchmarks/kenlm-side-by-side.sh ]]; then echo 'benchmarks/kenlm-side-by-side.sh "$DIR"'; fi ;;
    spark-brown-5) echo 'benchmarks/spark-brown.sh "$DIR"' ;;
    self-test) echo 'echo "benchmarks/run.sh works"; java -version' ;;
  esac
}
names="compare-default head-to-head ngram-jmh gemm-jmh nd4j-gemm-jmh fma-ceiling rnn-step-allocation ngram-memory-parallel-gc
ngram-memory-g1 ngram-order-table smoothing-table ngram-layouts model-load-time ngram-backoff arpa-import fixed-window-brown
fixed-window-nd4j-speed rnn-speed transformer-brown transformer-diagnostics transformer-speed recurrent-brown gradient-flow long-range-probe score-vs-train cloze-brown ptb ptb-sentence ptb-transformer ptb-lstm ptb-fixed-window ptb-fixed-window-wide ptb-schedule ptb-direct ptb-rnn-budget ptb-direct-wd ptb-rnn-wide ptb-rnn-tied ptb-direct-wd3 ptb-direct-wd-long ptb-direct-wd-30min
kenlm-side-by-side kenlm-binaries spark-brown-5 self-test"

usage() { echo "usage: benchmarks/run.sh [--allow-dirty] [--list] NAME...  (names: $(echo $names))" >&2; }

allow_dirty=false
selected=()
for arg in "$@"; do
  case "$arg" in
    --allow-dirty) allow_dirty=true ;;
    --list) for n in $names; do printf '%-26s %s\n' "$n" "$(command_for "$n")"; done; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "benchmarks/run.sh: unknown option $arg" >&2; usage; exit 2 ;;
    *) selected+=("$arg") ;;
  esac
done
if [[ ${#selected[@]} -eq 0 ]]; then usage; exit 2; fi
for n in "${selected[@]}"; do
  if [[ -z "$(command_for "$n")" ]]; then
    echo "benchmarks/run.sh: no benchmark named '$n' (or its script is missing); see benchmarks/run.sh --list" >&2
    exit 2
  fi
done
if [[ ! -x /usr/bin/time ]]; then
  echo "benchmarks/run.sh: /usr/bin/time is missing; install GNU time (package 'time')" >&2; exit 1
fi
if ! command -v python3 >/dev/null; then
  echo "benchmarks/run.sh: python3 is missing; it writes run.json" >&2; exit 1
fi

commit="$(git rev-parse HEAD)"
dirty=false
# Recorded outputs (benchmarks/results) are not code: re-running a benchmark replaces its committed files.
if [[ -n "$(git status --porcelain --untracked-files=no -- ':(top)' ':(top,exclude)benchmarks/results')" ]]; then
  dirty=true
  if ! $allow_dirty; then
    echo "benchmarks/run.sh: the work tree has uncommitted changes; commit them, or pass --allow-dirty (run.json then says dirty: true)" >&2
    exit 2
  fi
fi
cpu_model="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || true)"
[[ -n "$cpu_model" ]] || cpu_model="$(uname -m)"
mem_kb="$(awk '/MemTotal/ {print $2}' /proc/meminfo)"

status=0
for name in "${selected[@]}"; do
  DIR="$root/benchmarks/results/$name"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  export DIR
  cmd="$(command_for "$name")"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "== $name: $cmd" >&2
  set +e
  /usr/bin/time -v -o "$DIR/time.txt" bash -c "$cmd" >"$DIR/command.log" 2>&1
  rc=$?
  set -e
  ended="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  NAME="$name" CMD="$cmd" COMMIT="$commit" DIRTY="$dirty" CPU="$cpu_model" MEM_KB="$mem_kb" \
  NPROC="$(nproc)" LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" STARTED="$started" ENDED="$ended" RC="$rc" \
  python3 - "$DIR/run.json" <<'PY'
import json, os, sys
e = os.environ
load = lambda s: [float(x) for x in s.split()]
record = {
    "name": e["NAME"], "command": e["CMD"], "commit": e["COMMIT"], "dirty": e["DIRTY"] == "true",
    "machine": {"nproc": int(e["NPROC"]), "cpu": e["CPU"], "memoryKiB": int(e["MEM_KB"])},
    "loadAverageBefore": load(e["LOAD_BEFORE"]), "loadAverageAfter": load(e["LOAD_AFTER"]),
    "started": e["STARTED"], "ended": e["ENDED"], "exitStatus": int(e["RC"]),
}
with open(sys.argv[1], "w") as f:
    json.dump(record, f, indent=2)
    f.write("\n")
PY
  echo "== $name: exit $rc, output in benchmarks/results/$name/" >&2
  [[ $rc -eq 0 ]] || status=1
done
exit $status
