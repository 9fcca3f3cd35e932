#!/usr/bin/env bash
# Measures the scanner's offline work (issue 10) and writes the section "Scanner: parsing and image decoding
# (offline)" of docs/benchmarks.md (other sections are left alone):
#   - parsing GS1 element strings on one thread (target: 1,000,000/s or more), against a trivial pass over the same
#     strings (splitting each on GS), in the same run;
#   - decoding a 1-megapixel photo of a GS1 DataMatrix label (target: under 50 ms), against ZXing decoding the bare,
#     untransformed label image, in the same run.
# In-process (ScannerBenchmark in scanner-cli's test sources), about a minute. No network. Not a test: the figures
# depend on the machine and on what else runs on it. Extra arguments go to the benchmark, e.g.
#   scripts/bench-scanner.sh --strings 500000 --rounds 15 --warmup 5 --decodes 50
set -euo pipefail
cd "$(dirname "$0")/.."

section="Scanner: parsing and image decoding (offline)"
doc=docs/benchmarks.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench: building gs1, barcode and scanner-cli (tests skipped but compiled)" >&2
# package, not install, and the classpath in the same build: the benchmark runs this checkout's gs1 and barcode (the
# reader it measures, and ImageTransforms from its test jar), whatever the local repository has
mvn -B -q -DskipTests package dependency:build-classpath -pl gs1,barcode,scanner-cli -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt"
classpath="scanner-cli/target/test-classes:scanner-cli/target/classes:$(cat "$work/cp.txt")"

flags="-Xmx512m -XX:+UseSerialGC -Djava.awt.headless=true"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: running (load average $load_before)" >&2
# shellcheck disable=SC2086
java $flags -cp "$classpath" org.dawaledger.scanner.bench.ScannerBenchmark --markdown "$work/table.md" "$@" \
  >"$work/table.txt" 2>"$work/rounds.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$work/rounds.txt" >&2
cat "$work/table.txt"

{
  echo "## $section"
  echo
  echo "Measured by \`scripts/bench-scanner.sh\` (\`ScannerBenchmark\` in scanner-cli's test sources)."
  echo
  echo "**Method.** One JVM, one thread. Each measurement has warm-up rounds, then measured rounds; the figure is"
  echo "the median round, and the slowest and fastest rounds are shown beside it. Each target is measured side by"
  echo "side with its baseline in the same run."
  echo "*Parsing*: distinct element strings as a GS1 DataMatrix scanner sends them"
  echo "(\`]d201<GTIN>17<YYMMDD>10<lot of 4–10>\` GS \`21<12-character serial>\`), passed one after another to"
  echo "\`Gs1Scan.parse\` (the AIs and warnings), and to \`parse\` then \`toPackIdentifier(2026)\` (the checked"
  echo "pack identifier \`decode\` prints); the baseline is a trivial pass over the same strings, splitting each on GS."
  echo "*Decoding*: a label rendered by \`dawa-scan label\`'s renderer (6 px modules), pasted 200 px wide and turned 6°"
  echo "into a 1000 × 1000 photo of an unevenly lit, grained table, box-blurred and with Gaussian noise (σ 6);"
  echo "decoded by \`BarcodeReader.read\` (what \`dawa-scan decode photo.png\` does after loading the file: a whole-image"
  echo "read, then every other cluster of dark pixels on its own, so that several symbols in one image are found),"
  echo "each decode checked to give the label's element string. Baselines: ZXing's \`MultiFormatReader\` on the bare"
  echo "label image, and on the photo (one symbol, no search for others); same hints (DataMatrix, Code 128, QR Code,"
  echo "TRY_HARDER). PNG/JPEG file reading is not included."
  echo
  echo "**Machine.** $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM (\`free -g\` total)," \
       "$(java -version 2>&1 | head -1), JVM flags \`$flags\`, run $(date -u '+%Y-%m-%d %H:%M UTC');" \
       "load average (1, 5, 15 min) $load_before before and $load_after after (other work shares these CPUs)."
  echo
  cat "$work/table.md"
  echo
  cat <<'TEXT'
**Where parsing's time goes** (JFR execution samples of a `parse` + `toPackIdentifier` loop, gs1 as of
2026-12-02, not rerun by this script): looking up the AI at each position (`ApplicationIdentifier.at`: a
`HashMap` lookup of a fresh substring, with its hash) about a quarter of the samples; `substring` for the values
about a tenth; `Gs1Read`'s constructor copying the elements into an unmodifiable map and `List.copyOf` of the
warnings about a sixth; then `toPackIdentifier`'s second checks (character set 82 of lot and serial, the GTIN's
digits and mod-10). A switch on the AI's digits instead of the map, and one copy of the elements instead of two,
are where a faster parser would start.
TEXT
  echo
  echo "Rounds as measured:"
  echo
  echo '```'
  sed 's/^bench: //' "$work/rounds.txt"
  echo '```'
} >"$work/section.md"

scripts/benchmark-section.py "$doc" "$work/section.md" "## $section"
echo "bench: wrote section \"$section\" of $doc" >&2
