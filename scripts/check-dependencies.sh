#!/usr/bin/env bash
# Dependency hygiene, checked two ways (CI runs this after `mvn install`, see .ci/run):
#  1. the enforcer rules of the parent pom really fail the build: a throwaway dependency is added to a
#     module through the banned-dependency-probe profile and `mvn validate` must stop with the rule's message;
#  2. what a user downloads: the runtime classpath of lm-core, lm-ngram, lm-neural, lm-rnn and lm-transformer (the pure-Java
#     simd backend; the ND4J backends are the separate module lm-backend-nd4j) has no ND4J, JavaCPP, DL4J,
#     Spark, Scala, Hadoop or platform-specific jar, and stays under MAX_RUNTIME_KIB in total; lm-spark's
#     runtime classpath (Spark is provided by the cluster) is lm-ngram's.
# Usage: scripts/check-dependencies.sh   (from anywhere; needs the modules installed in the local repository;
#        MVN_ARGS adds Maven options, e.g. MVN_ARGS=-Dmaven.repo.local=/path/to/repo)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2206 # MVN_ARGS is a list of options, split on spaces on purpose.
mvn_cmd=(mvn -B -ntp -q ${MVN_OFFLINE:+-o} ${MVN_ARGS:-})
# Guice 7 + Guava + log4j-api (+ lm-core for lm-ngram; + lm-neural for lm-rnn and lm-transformer) is about 4.3 to 5 MB; anything
# large sneaking in shows up here.
max_runtime_kib=${MAX_RUNTIME_KIB:-6144}
failures=0
fail() { echo "check-dependencies: FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_banned MODULE EXECUTION-ID [probe properties...]: the build must fail in that enforcer execution.
expect_banned() {
  local module=$1 execution=$2; shift 2
  local log
  if log=$("${mvn_cmd[@]}" -pl "$module" -Pbanned-dependency-probe "$@" validate 2>&1); then
    fail "$module accepted a banned dependency ($*); the $execution rule did not fire"
  elif grep -q "enforce ($execution) on project $module" <<<"$log" && grep -q "banned via the exclude/include list" <<<"$log"; then
    echo "ok: $module refuses the probe dependency (${*:-org.bytedeco:openblas}) through rule $execution"
  else
    fail "$module failed for another reason than the $execution rule:"; echo "$log" | head -20 >&2
  fi
}

nd4j_probe=(-Dprobe.groupId=org.nd4j -Dprobe.artifactId=nd4j-common -Dprobe.version=1.0.0-M2.1)
expect_banned lm-core no-nd4j-in-core-and-ngram "${nd4j_probe[@]}"
expect_banned lm-ngram no-nd4j-in-core-and-ngram "${nd4j_probe[@]}"
expect_banned lm-neural no-nd4j-in-pure-java-libraries "${nd4j_probe[@]}"
expect_banned lm-rnn no-nd4j-in-pure-java-libraries "${nd4j_probe[@]}"
expect_banned lm-transformer no-nd4j-in-pure-java-libraries "${nd4j_probe[@]}"
expect_banned lm-eval no-nd4j-in-pure-java-libraries "${nd4j_probe[@]}"
expect_banned lm-backend-nd4j no-native-runtime-in-libraries
# Spark stays in lm-spark: lm-core and lm-ngram refuse Spark (and Scala, Hadoop) in any scope.
spark_probe=(-Dprobe.groupId=org.apache.spark -Dprobe.artifactId=spark-tags_2.13 -Dprobe.version=4.2.0)
expect_banned lm-core no-spark-in-core-and-ngram "${spark_probe[@]}"
expect_banned lm-ngram no-spark-in-core-and-ngram "${spark_probe[@]}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for module in lm-core lm-ngram lm-neural lm-rnn lm-transformer lm-spark; do
  "${mvn_cmd[@]}" -pl "$module" dependency:build-classpath -DincludeScope=runtime \
      -Dmdep.outputFile="$tmp/$module.cp" >/dev/null
  # Every one of these modules has runtime dependencies (lm-core: Guice, Guava, log4j-api), so a missing or
  # empty classpath file means the Maven call above did not do its job; it would otherwise read as "0 jars".
  if [[ ! -s "$tmp/$module.cp" ]]; then
    fail "$module: dependency:build-classpath wrote no classpath file ($tmp/$module.cp is missing or empty);" \
      "run '${mvn_cmd[*]} -pl $module dependency:build-classpath -DincludeScope=runtime' to see why"
    continue
  fi
  if ! tr ':' '\n' <"$tmp/$module.cp" | grep -v '^$' >"$tmp/$module.jars"; then
    fail "$module: the classpath file $tmp/$module.cp lists no jar"
    continue
  fi
  if grep -E '/(org/nd4j|org/bytedeco|org/deeplearning4j|org/datavec|net/java/dev/jna|org/apache/spark|org/scala-lang|org/apache/hadoop)/|-(linux|macosx|windows|android)-[^/]*\.jar$' \
      "$tmp/$module.jars"; then
    fail "$module's runtime classpath has the banned jars above"
  fi
  kib=$(xargs -r stat -c %s <"$tmp/$module.jars" | awk '{ s += $1 } END { printf "%d", (s + 1023) / 1024 }')
  jars=$(wc -l <"$tmp/$module.jars")
  if (( kib > max_runtime_kib )); then
    fail "$module pulls $jars jars, $kib KiB at run time (more than $max_runtime_kib KiB):"; cat "$tmp/$module.jars" >&2
  else
    echo "ok: $module's runtime dependencies: $jars jars, $kib KiB (limit $max_runtime_kib KiB), none native"
  fi
done

if (( failures > 0 )); then
  echo "check-dependencies: $failures check(s) failed" >&2
  exit 1
fi
echo "check-dependencies: all dependency rules hold"
