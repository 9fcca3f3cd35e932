#!/usr/bin/env bash
# Measures the candidates for the embedded ledger's store (RocksDB, H2's MVStore, SQLite) on the ledger's own
# workload, 1,000,000 packs commissioned in blocks of 10,000, each store in a JVM of its own and in two rounds, and
# writes the section "Embedded store: RocksDB, MVStore and SQLite with 1,000,000 packs" of docs/benchmarks.md (other
# sections are left alone). The stores' files go to a temporary directory under /tmp, each deleted after its
# measurement. About 10 minutes on 2 CPUs.
#
# Not a test: timing figures depend on the machine. Extra arguments go to the benchmark, e.g.
#   scripts/bench-store.sh --rounds 1 --stores rocksdb,mvstore --cap-seconds 60
set -euo pipefail
cd "$(dirname "$0")/.."

section="Embedded store: RocksDB, MVStore and SQLite with 1,000,000 packs"
doc=docs/benchmarks.md
work=$(mktemp -d /tmp/bench-store.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "bench: building the ledger module's test classes" >&2
mvn -B -q -DskipTests -pl ledger -am test-compile
mvn -B -q -pl ledger dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
# Run from copies, so that another build of the module during the run cannot take classes away from under it.
cp -r ledger/target/classes "$work/classes"
cp -r ledger/target/test-classes "$work/test-classes"
for class in classes/org/dawaledger/ledger/store/OrderedStore.class \
    test-classes/org/dawaledger/ledger/bench/StoreBenchmark.class; do
  if [[ ! -f "$work/$class" ]]; then
    echo "bench: $class is missing from ledger/target (another build running?); run again" >&2
    exit 1
  fi
done
classpath="$work/test-classes:$work/classes:$(cat "$work/cp.txt")"

echo "bench: running (progress below; the stores' files under $work/data)" >&2
mkdir "$work/data"
java -Xmx256m -cp "$classpath" org.dawaledger.ledger.bench.StoreBenchmark --data "$work/data" \
  --markdown "$work/table.md" "$@" >"$work/table.txt"
cat "$work/table.txt"

{
  echo "## $section"
  echo
  echo "Measured by \`scripts/bench-store.sh\` (\`StoreBenchmark\` in the ledger's test sources; the adapters"
  echo "\`RocksStore\`, \`MvStoreStore\` and \`SqliteStore\` beside it, each passing \`OrderedStoreContract\`)."
  echo
  cat "$work/table.md"
  echo
  echo "**What this does not measure.** No power cut or kernel crash was simulated: durability rests on each store"
  echo "fsyncing every batch before \`write\` returns (the adapters' settings above), and on this virtual disk"
  echo "honouring the flush. The machine's RAM holds every store's files in the page cache, so reads come from"
  echo "memory; a gateway whose ledger outgrows its RAM reads from disk, where the stores' on-disk sizes matter more."
  echo "Only inserts are measured: no later custody changes (updates of state keys), no reads during writes, no"
  echo "long-running effects (RocksDB's compaction debt, MVStore's reuse and compaction of old chunks after its"
  echo "45 s retention, SQLite's free pages), one store per JVM with nothing else running in it."
} >"$work/section.md"

scripts/benchmark-section.py "$doc" "$work/section.md" "## $section"
echo "bench: wrote section \"$section\" of $doc" >&2
