#!/usr/bin/env bash
# lm-spark on brown-v1, order 5, Spark local[2] (BENCHMARKS.md, "Apache Spark"): estimates modified Kneser-Ney
# with io.lmkit.spark.Estimate under /usr/bin/time -v (DIR/estimate-time.txt) with Spark's event log on, checks
# that the model file's tables equal the single-machine estimator's (`lmkit train ... --set layout=trie`, timed the
# same way into DIR/train-time.txt) byte for byte, and writes the per-stage shuffle table (DIR/stages.md, from benchmarks/spark-stages.py).
# Usage: benchmarks/spark-brown.sh DIR   (after `mvn -B -ntp install` or `-DskipTests package`; ../shared/data/brown
#        or LMKIT_BROWN=DIR for the corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: benchmarks/spark-brown.sh DIR}
mkdir -p "$dir"
mvn -q -B -o -pl lm-spark dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$dir/cp.txt" >/dev/null
[[ -f "$dir/brown-v1/train.txt" ]] || ./lmkit data brown --source "${LMKIT_BROWN:-../shared/data/brown}" --out "$dir/brown-v1"
# The options spark-submit adds for Java 17 (org.apache.spark.launcher.JavaModuleOptions), as lm-spark's surefire.
opens=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
rm -rf "$dir/events" "$dir/spark-kn5.zip" && mkdir "$dir/events"
/usr/bin/time -v -o "$dir/estimate-time.txt" java -Xmx3g "${opens[@]}" -Dspark.master='local[2]' \
  -Dspark.ui.enabled=false -Dspark.eventLog.enabled=true -Dspark.eventLog.dir="$dir/events" \
  -cp "lm-core/target/classes:lm-ngram/target/classes:lm-spark/target/classes:$(cat "$dir/cp.txt")" \
  io.lmkit.spark.Estimate --model modified-kneser-ney --order 5 --input "$dir/brown-v1/train.txt" \
  --vocab "$dir/brown-v1/vocab.txt" --out "$dir/spark-kn5.zip"
grep -E 'Elapsed|Maximum resident|User time|System time' "$dir/estimate-time.txt"
# The single machine's estimator on the same text, timed the same way, for the paired comparison.
/usr/bin/time -v -o "$dir/train-time.txt" ./lmkit train --model modified-kneser-ney --set order=5 --set layout=trie \
  --train "$dir/brown-v1/train.txt" --vocab "$dir/brown-v1/vocab.txt" --out "$dir/kn5-trie.zip"
grep -E 'Elapsed|Maximum resident|User time|System time' "$dir/train-time.txt"
for e in vocab.txt data/ngram.bin data/ngram/unigrams.bin data/ngram/order-{2,3,4,5}.bin; do
  cmp <(unzip -p "$dir/kn5-trie.zip" "$e") <(unzip -p "$dir/spark-kn5.zip" "$e") \
    || { echo "spark-brown: $e differs from the single-machine model" >&2; exit 1; }
  echo "same as the single-machine model: $e"
done
benchmarks/spark-stages.py "$dir"/events/eventlog_v2_* >"$dir/stages.md"
tail -1 "$dir/stages.md"
rm -f "$dir/cp.txt"
