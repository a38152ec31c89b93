#!/usr/bin/env bash
# lm-spark on a large corpus, order 5, Spark local[2] (BENCHMARKS.md, "Corpus scale", issue 17's scaling point):
# estimates modified Kneser-Ney with lmplz's discount statistics through io.lmkit.spark.Estimate under
# /usr/bin/time -v (DIR/estimate-time.txt), Spark's event log on and its shuffle files in DIR/spark-local (peak
# size sampled every 5 s into DIR/spark-local.peak-kib), then checks that the model file's tables equal those of
# REFERENCE, the single-machine model of the same corpus (`lmkit train --model modified-kneser-ney --set order=5
# --set discountStatistics=lmplz [--set memory=...]`, whose vocabulary the job is given), and writes the
# per-stage shuffle table (DIR/stages.md, from benchmarks/spark-stages.py).
# Usage: benchmarks/spark-synth.sh DIR CORPUS REFERENCE   (after `mvn -B -ntp install` or `-DskipTests package`;
#        SPARK_HEAP sets the JVM's -Xmx, 8g by default; PRUNE="0 1 2" passes --prune, PLAN=joins --plan, to
#        compare with a REFERENCE estimated with the same --set prune=)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: benchmarks/spark-synth.sh DIR CORPUS REFERENCE}
corpus=${2:?usage: benchmarks/spark-synth.sh DIR CORPUS REFERENCE}
reference=${3:?usage: benchmarks/spark-synth.sh DIR CORPUS REFERENCE}
[[ -f "$corpus" ]] || { echo "spark-synth: no corpus $corpus" >&2; exit 2; }
[[ -f "$reference" ]] || { echo "spark-synth: no reference model $reference; estimate it with lmkit train first" >&2; exit 2; }
mkdir -p "$dir"
mvn -q -B -o -pl lm-spark dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$dir/cp.txt" >/dev/null
unzip -p "$reference" vocab.txt > "$dir/vocab.txt"
# The options spark-submit adds for Java 17 (org.apache.spark.launcher.JavaModuleOptions), as lm-spark's surefire.
opens=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
rm -rf "$dir/events" "$dir/spark-local" "$dir/spark-kn5.zip" && mkdir "$dir/events" "$dir/spark-local"
( max=0; while true; do s=$(du -sk "$dir/spark-local" 2>/dev/null | cut -f1); if [[ ${s:-0} -gt $max ]]; then
    max=$s; echo "$max" > "$dir/spark-local.peak-kib"; fi; sleep 5; done ) & sampler=$!
trap 'kill $sampler 2>/dev/null' EXIT
uptime > "$dir/load-before.txt"
/usr/bin/time -v -o "$dir/estimate-time.txt" java -Xmx"${SPARK_HEAP:-8g}" "${opens[@]}" -Dspark.master='local[2]' \
  -Dspark.ui.enabled=false -Dspark.eventLog.enabled=true -Dspark.eventLog.dir="$dir/events" \
  -Dspark.local.dir="$dir/spark-local" \
  -cp "lm-core/target/classes:lm-ngram/target/classes:lm-spark/target/classes:$(cat "$dir/cp.txt")" \
  io.lmkit.spark.Estimate --model modified-kneser-ney --order 5 --discount-statistics lmplz --input "$corpus" \
  --vocab "$dir/vocab.txt" --out "$dir/spark-kn5.zip" ${PRUNE:+--prune "$PRUNE"} ${PLAN:+--plan "$PLAN"}
uptime > "$dir/load-after.txt"
kill $sampler 2>/dev/null || true
grep -E 'Elapsed|Maximum resident|User time|System time' "$dir/estimate-time.txt"
echo "peak Spark local dir KiB: $(cat "$dir/spark-local.peak-kib" 2>/dev/null)"
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-{2,3,4,5}.bin; do
  cmp <(unzip -p "$reference" "$e") <(unzip -p "$dir/spark-kn5.zip" "$e") \
    || { echo "spark-synth: $e differs from the single-machine model $reference" >&2; exit 1; }
  echo "same as the single-machine model: $e"
done
benchmarks/spark-stages.py "$dir"/events/eventlog_v2_* >"$dir/stages.md"
tail -1 "$dir/stages.md"
rm -rf "$dir/spark-local" "$dir/events"/*/events_*.zstd.tmp 2>/dev/null || true
