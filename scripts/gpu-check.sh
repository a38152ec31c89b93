#!/usr/bin/env bash
# The GPU check of lmkit's nd4j-cuda backend, for a Linux machine with an NVIDIA GPU (see BENCHMARKS.md):
#  1. says which GPU and driver it found, and stops with exit code 2 and the reason when there is none;
#  2. builds lm-backend-nd4j (and lm-neural) with -Pcuda and runs the backend contract suite on nd4j-cuda
#     (Nd4jCudaBackendTest) beside the float64 reference backend; the check fails if the CUDA suite was skipped or failed;
#  3. runs the RNN training benchmark (benchmarks' RnnSpeed: LSTM 200x200, 10,000 words, batch 20, BPTT 35,
#     against DL4J on the same runtime) on each CPU backend (simd, nd4j-cpu) from a normal build, then on
#     nd4j-cuda from a -Pcuda build of lm-cli and benchmarks, and prints training tokens/s side by side.
# Usage: scripts/gpu-check.sh [SECONDS]   (seconds of training per trainer and backend; default 30)
# Needs: JDK 17+, Maven, network access to Maven Central on the first run (nd4j-cuda-11.6 and its natives),
#        an NVIDIA driver for CUDA 11.6 or newer. Afterwards lm-cli/target holds the CUDA build (./lmkit backends
#        lists nd4j-cuda); rebuild without -Pcuda for the CPU one.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "gpu-check: SECONDS must be a whole number of seconds, at least 1; got '$seconds'" >&2
  exit 2
fi
log_dir=target/gpu-check
mkdir -p "$log_dir"
mvn_cmd=(mvn -B -ntp -q -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
java_cmd=(java --add-modules jdk.incubator.vector -Djava.awt.headless=true)

# 1. Is there a GPU?
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA driver on this machine (nvidia-smi is not on the PATH), so the nd4j-cuda backend" \
       "cannot run here. Run this script on a Linux machine with an NVIDIA GPU and a driver for CUDA 11.6 or" \
       "newer. Nothing was built or measured." >&2
  exit 2
fi
if ! gpus=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1) || [[ -z "$gpus" ]]; then
  echo "gpu-check: nvidia-smi found no usable GPU: $gpus" >&2
  exit 2
fi
echo "gpu-check: GPU(s): $gpus"

# 2. The backend contract on nd4j-cuda.
echo "gpu-check: building lm-backend-nd4j with -Pcuda and running the backend contract on nd4j-cuda"
if ! "${mvn_cmd[@]}" -Pcuda -pl lm-backend-nd4j -am verify -Dtest='Nd4jCudaBackendTest,ReferenceBackendTest' \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log_dir/contract.log" 2>&1; then
  tail -40 "$log_dir/contract.log" >&2
  echo "gpu-check: FAIL: the backend contract failed on nd4j-cuda (full log: $log_dir/contract.log)" >&2
  exit 1
fi
report=lm-backend-nd4j/target/surefire-reports/TEST-io.lmkit.backend.nd4j.internal.Nd4jCudaBackendTest.xml
counts=$(grep -o -m1 '<testsuite [^>]*' "$report" | grep -oE '(tests|skipped|failures|errors)="[0-9]+"' | tr '\n' ' ')
echo "gpu-check: Nd4jCudaBackendTest: $counts"
if grep -q 'skipped="0"' <<<"$counts" && ! grep -q 'tests="0"' <<<"$counts"; then
  echo "gpu-check: ok: every backend contract test passed on nd4j-cuda"
else
  echo "gpu-check: FAIL: the nd4j-cuda contract was skipped: the backend is not usable here (see $log_dir/contract.log" \
       "and './lmkit backends' after the build for the reason)" >&2
  exit 1
fi

# 3. The RNN training benchmark on every backend.
declare -A lmkit_rate dl4j_rate
run_speed() { # BACKEND: runs RnnSpeed with that backend chosen, keeps its log, records both rates
  local backend=$1
  echo "gpu-check: RnnSpeed on $backend ($seconds s per trainer)"
  LMKIT_BACKEND=$backend "${java_cmd[@]}" -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.RnnSpeed \
      "$seconds" >"$log_dir/rnnspeed-$backend.log" 2>&1 || { tail -30 "$log_dir/rnnspeed-$backend.log" >&2; return 1; }
  lmkit_rate[$backend]=$(grep -m1 '^| lmkit lstm' "$log_dir/rnnspeed-$backend.log" | awk -F'|' '{gsub(/ /, "", $3); print $3}')
  dl4j_rate[$backend]=$(grep -m1 '^| DL4J' "$log_dir/rnnspeed-$backend.log" | awk -F'|' '{gsub(/ /, "", $3); print $3}')
}
echo "gpu-check: building benchmarks with the CPU runtime"
"${mvn_cmd[@]}" -DskipTests -pl benchmarks -am package >"$log_dir/build-cpu.log" 2>&1 \
  || { tail -40 "$log_dir/build-cpu.log" >&2; exit 1; }
run_speed simd
run_speed nd4j-cpu
echo "gpu-check: building lm-cli and benchmarks with -Pcuda"
"${mvn_cmd[@]}" -Pcuda -DskipTests -pl lm-cli,benchmarks -am package >"$log_dir/build-cuda.log" 2>&1 \
  || { tail -40 "$log_dir/build-cuda.log" >&2; exit 1; }
./lmkit backends | tee "$log_dir/backends-cuda.txt"
run_speed nd4j-cuda

echo
echo "| backend | lmkit LSTM training tokens/s | DL4J on the same ND4J runtime, tokens/s |"
echo "|---|---:|---:|"
for b in simd nd4j-cpu nd4j-cuda; do
  echo "| $b | ${lmkit_rate[$b]:-?} | ${dl4j_rate[$b]:-?} |"
done
echo "(RnnSpeed, $seconds s per trainer; logs in $log_dir. DL4J runs on whichever ND4J runtime is on the classpath:"
echo " nd4j-native for simd and nd4j-cpu, nd4j-cuda for nd4j-cuda.)"
