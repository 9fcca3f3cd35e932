#!/usr/bin/env bash
# Measures the chaincode's own cost of CommissionPacks per chunk size (serials per call), in-process on the
# test-side in-memory Fabric, through the shim's real ContractRouter, and writes the section
# "Chaincode: CommissionPacks chunk size (in-memory)" of docs/benchmarks.md (other sections are left alone).
#
# Not a test: timing figures depend on the machine. Extra arguments go to the benchmark, e.g.
#   scripts/bench-chaincode.sh --packs 100000 --sizes 1000,10000 --warmup-packs 20000
set -euo pipefail
cd "$(dirname "$0")/.."

section="Chaincode: CommissionPacks chunk size (in-memory)"
doc=docs/benchmarks.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench: building (mvn install, tests skipped but compiled)" >&2
mvn -B -q -DskipTests install
mvn -B -q dependency:build-classpath -pl chaincode -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
classpath="chaincode/target/test-classes:chaincode/target/classes:$(cat "$work/cp.txt")"

echo "bench: running (the shim's own log goes to $work/bench.log, shown on failure)" >&2
# The regulator's MSP pinned as in every deployment, and the JVM flags of run.sh's chaincode service but a 512 MB heap.
if ! env DAWALEDGER_REGULATOR_MSP=RegulatorMSP java -Xmx512m -XX:+UseSerialGC -cp "$classpath" \
    org.dawaledger.chaincode.bench.CommissionChunkBenchmark --markdown "$work/table.md" "$@" \
    >"$work/table.txt" 2>"$work/bench.log"; then
  tail -40 "$work/bench.log" >&2
  exit 1
fi
cat "$work/table.txt"

{
  echo "## $section"
  echo
  echo "Measured by \`scripts/bench-chaincode.sh\` (\`CommissionChunkBenchmark\` in the chaincode's test sources)."
  echo
  echo "**Method.** One JVM runs the contract behind the shim's real \`ContractRouter\`, invoked with"
  echo "\`CommissionPacks(gtin, lot, serialsJson)\` as a peer invokes it, on the test-side \`InMemoryLedger\` (the ledger module's \`SimulationStub\` over a \`MemoryStore\`)."
  echo "Each chunk size gets a fresh ledger (regulator and manufacturer licensed, one product), a warm-up batch"
  echo "and a fresh measured batch of at least 1,000,000 units; serials are distinct 15-character strings."
  echo "Columns: *packs/s (cc)* and *ms/call* time only the chaincode side of a call (\`router.invoke(stub)\`:"
  echo "argument parsing, checks, one \`getState\` per serial, JSON of every pack, \`putState\`s, the event);"
  echo "(p50/p99 are nearest-rank over the measured calls, so with few calls p99 is the slowest one);"
  echo "*packs/s (incl. stub)* also counts the in-memory harness (building the stub, committing the write set and"
  echo "history). *write keys* / *write set MB* are the proposal's write set per call (keys + values, UTF-8 bytes);"
  echo "*event KB* the chaincode event (name + payload); *args KB* the serials argument; *alloc MB/call* the bytes"
  echo "the calling thread allocated inside the chaincode call; *peak heap MB* the sum of the heap pools' peak use"
  echo "during the call (reset before each call; an upper bound, and it includes the in-memory world state held by"
  echo "the run, which grows with every call); *GCs (ms)* collections and their time during the measured calls."
  echo
  echo "**What this does not measure.** The in-memory stub answers \`getState\`/\`putState\` in-process, whereas on a"
  echo "real peer every \`getState\`/\`putState\` is a gRPC round trip between chaincode and peer (see the state API"
  echo "call counts below: a call of N serials makes more than N of them). So the absolute rates here are an upper"
  echo "bound of the contract's own CPU/JSON cost, not network throughput: no gRPC, no endorsement signing, no"
  echo "ordering, validation, MVCC checks or commit to LevelDB/CouchDB, one client thread on one JVM. The network"
  echo "benchmark measures those."
  echo
  echo "**Machine.** $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM (\`free -g\` total)," \
       "$(java -version 2>&1 | head -1), JVM flags \`-Xmx512m -XX:+UseSerialGC\`, run $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  cat "$work/table.md"
} >"$work/section.md"

scripts/benchmark-section.py "$doc" "$work/section.md" "## $section"
echo "bench: wrote section \"$section\" of $doc" >&2
