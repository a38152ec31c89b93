#!/usr/bin/env bash
# Release-readiness of the build (CI runs this after `mvn install`, see .ci/run):
#  1. reproducible jars: the checkout is copied twice, to two different folders, each copy is built
#     (`mvn package`, no tests, no javadoc), and every module's jars (main, sources and test jars,
#     lm-cli.jar and benchmarks.jar among them) must have the same SHA-256 in both builds; on a difference
#     the differing entries are listed. project.build.outputTimestamp in the parent pom fixes entry times;
#  2. resolved POMs: each module's flattened POM (target/.flattened-pom.xml, what install and deploy publish)
#     has no `${` left, names lm-cli's ND4J runtime literally (nd4j-native; nd4j-cuda-11.6 with -Pcuda) and
#     keeps the metadata Central requires (name, description, url, licenses, developers, scm); so does the
#     installed lm-cli POM of this version, when the local repository has one;
#  3. LICENSE and NOTICE are in META-INF of every jar compared.
# Usage: scripts/check-reproducible.sh [maven options, e.g. -o -Dmaven.repo.local=DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
failures=0
fail() { echo "check-reproducible: FAIL: $*" >&2; failures=$((failures + 1)); }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The files git knows (tracked and untracked, not ignored ones such as target/), so that a local build's
# outputs do not leak into the copies.
copy_checkout() {
  mkdir -p "$1"
  git -C "$root" ls-files -z --cached --others --exclude-standard \
    | tar -C "$root" --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$1" -xf -
}

build() {
  local dir=$1; shift
  copy_checkout "$dir"
  # No tests, javadoc, enforcer rules or copied lib/ folders: CI ran all of them in `mvn install` already;
  # only what goes into the jars is built.
  (cd "$dir" && mvn -B -ntp -q -DskipTests -Dmaven.javadoc.skip=true -Denforcer.skip=true -Dmdep.skip=true \
      "$@" package)
}

echo "check-reproducible: building twice (in $work/a and $work/b)"
build "$work/a" "$@"
build "$work/b" "$@"

modules=(lm-core lm-ngram lm-spark lm-neural lm-backend-nd4j lm-rnn lm-eval lm-cli benchmarks)
jars=0
for module in "${modules[@]}"; do
  main=$(find "$work/a/$module/target" -maxdepth 1 -name '*.jar' ! -name '*-tests.jar' ! -name '*-sources.jar' \
    ! -name '*-javadoc.jar' | head -1)
  [[ -n $main ]] || fail "$module built no main jar"
  for jar_a in "$work/a/$module"/target/*.jar; do
    [[ -e $jar_a ]] || continue
    name=${jar_a#"$work/a/"}
    jar_b=$work/b/$name
    jars=$((jars + 1))
    for entry in META-INF/LICENSE META-INF/NOTICE; do
      unzip -l "$jar_a" "$entry" >/dev/null 2>&1 || fail "$name has no $entry"
    done
    if [[ ! -e $jar_b ]]; then
      fail "$name was built only once"
    elif [[ $(sha256sum <"$jar_a") != $(sha256sum <"$jar_b") ]]; then
      fail "$name differs between the two builds; its differing entries:"
      mkdir -p "$work/x/a" "$work/x/b"
      unzip -qo "$jar_a" -d "$work/x/a/$name" && unzip -qo "$jar_b" -d "$work/x/b/$name"
      diff -rq "$work/x/a/$name" "$work/x/b/$name" >&2 || true
      unzip -Zl "$jar_a" | diff - <(unzip -Zl "$jar_b") | head -10 >&2 || true
    fi
  done
done
echo "check-reproducible: compared $jars jars"

# check_pom FILE: a POM as it is installed and published.
check_pom() {
  local pom=$1 element
  if grep -n '\${' "$pom" >&2; then
    fail "$pom keeps the unresolved properties above"
  fi
  for element in name description url licenses developers scm; do
    grep -Eq "^  <$element[ >]" "$pom" || fail "$pom has no <$element>, which Central requires"
  done
}
for module in lm-bom "${modules[@]}"; do
  pom=$work/b/$module/target/.flattened-pom.xml
  if [[ -f $pom ]]; then check_pom "$pom"; else fail "$module has no flattened POM ($pom)"; fi
done
grep -q '<artifactId>nd4j-native</artifactId>' "$work/b/lm-cli/target/.flattened-pom.xml" \
  || fail "lm-cli's flattened POM does not name its ND4J runtime (nd4j-native)"

# A -Pcuda build publishes lm-cli with the CUDA runtime, not with ${nd4j.runtime} or the CPU one.
(cd "$work/b" && mvn -B -ntp -q -Pcuda -pl lm-cli "$@" org.codehaus.mojo:flatten-maven-plugin:flatten@flatten)
check_pom "$work/b/lm-cli/target/.flattened-pom.xml"
grep -q '<artifactId>nd4j-cuda-11.6</artifactId>' "$work/b/lm-cli/target/.flattened-pom.xml" \
  || fail "lm-cli's flattened POM under -Pcuda does not name nd4j-cuda-11.6"

version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
repo=$HOME/.m2/repository
for arg in "$@"; do
  case $arg in -Dmaven.repo.local=*) repo=${arg#-Dmaven.repo.local=} ;; esac
done
installed=$repo/io/lmkit/lm-cli/$version/lm-cli-$version.pom
if [[ -f $installed ]]; then
  check_pom "$installed"
  echo "check-reproducible: checked the installed $installed"
fi

if ((failures > 0)); then
  echo "check-reproducible: $failures check(s) failed" >&2
  exit 1
fi
echo "check-reproducible: ok: $jars jars byte-identical in two builds, each with LICENSE and NOTICE; POMs resolved"
