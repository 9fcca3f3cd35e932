#!/usr/bin/env bash
# Measures the local ledger (docs/architecture.md) and writes the section "Local ledger: embedded and following the
# network" of docs/benchmarks.md (other sections are left alone):
#   - the embedded ledger on RocksDB with the real contract in-process: 1,000,000 packs commissioned, one-pack
#     dispenses, VerifyPack on the local copy at 1 and 2 threads, each beside the simplest contract's writes;
#   - on the real network (network-config/network.sh up, started if it is not running): 1,000,000 packs commissioned
#     while the pharmacy's copy follows its peer, a fresh copy catching up from block 0, and VerifyPack on the copy
#     against the peer's own evaluation, in the same run.
# About 10 minutes on 2 CPUs. Not a test: its figures depend on the machine.
#
# Options go to the benchmark, e.g. --packs 200000 --network-packs 0 (embedded only) --seconds 5.
set -euo pipefail
cd "$(dirname "$0")/.."

section="Local ledger: embedded and following the network"
network=yes
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == --network-packs ]]; then
    next=$((i + 1))
    [[ "${!next:-}" == 0 ]] && network=no
  fi
done

echo "bench: building the ledger, the contract and the benchmark" >&2
mvn -B -q -DskipTests -pl network-tests -am install
work=$(mktemp -d /tmp/bench-ledger.XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl network-tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
classpath="network-tests/target/test-classes:$(cat "$work/cp.txt")"

if [[ $network == yes ]]; then
  echo "bench: bringing the network up (network-config/network.sh up)" >&2
  network-config/network.sh up
fi

echo "bench: running (progress below)" >&2
# The contract in-process pins the regulator's MSP as every chaincode service of the network does.
DAWALEDGER_REGULATOR_MSP=RegulatorMSP java -Xmx1g -Dnetwork.script="$PWD/network-config/network.sh" \
  -cp "$classpath" org.dawaledger.network.bench.LedgerBenchmark --markdown "$work/tables.md" "$@"

{
  echo "## $section"
  echo
  echo "Measured by \`scripts/bench-ledger.sh\` (\`LedgerBenchmark\` in network-tests' test sources)."
  echo
  echo "**Method.** One JVM (\`-Xmx1g\`). *Embedded*: \`EmbeddedLedger\` on \`RocksStore\` (each block one synced"
  echo "RocksDB write batch) in a temporary folder, default block cutting (50 ms, 500 transactions, 8 MB), three"
  echo "organisations of a local CA each, the contract behind the shim's \`ContractRouter\` in-process; the"
  echo "baselines are \`BaselineContract\`'s \`Put\` (one key) and \`PutMany\` (as many keys of a pack record's size"
  echo "as a commissioning call writes packs) on the same ledger, in the same run. Writes are timed from submit until"
  echo "the block is committed. *Network*: the network of \`network.sh up\`; the manufacturer commissions through its"
  echo "own peer with the Fabric Gateway SDK (the network's own commit rate: each call timed until its commit status"
  echo "returns), while \`FabricLedger\` keeps the pharmacy's copy on \`RocksStore\` by its peer's block events; a"
  echo "block's *lag* is when the copy had applied it less when the manufacturer's client heard it committed. Then a"
  echo "second copy on an empty store follows the same peer from block 0 until it has every block. VerifyPack rows run"
  echo "for a fixed time on random packs of the batch, every answer checked to find its pack; the local ones on the"
  echo "copy, the peer's through the same \`FabricLedger\` (\`evaluateOnPeer\`, the pharmacy's peer). p50/p99 are"
  echo "nearest-rank."
  echo
  echo "**Machine.** $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)," \
    "every node of the network and the benchmark on it, run $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  cat "$work/tables.md"
  echo
  echo "**What this does not measure.** Reads ran with nothing being written. A lone embedded write waits for its"
  echo "block to be cut (50 ms), as the one-key baseline does: that, not the contract, bounds one caller's dispenses."
  echo "Every figure shares 2 CPUs with the network's 11 processes, which run during the embedded rows too. No power"
  echo "cut was simulated (see the store section); the crash test (\`CrashRecoveryTest\`) kills processes instead."
} >"$work/section.md"

scripts/benchmark-section.py docs/benchmarks.md "$work/section.md" "## $section"
echo "bench: wrote section \"$section\" of docs/benchmarks.md" >&2
