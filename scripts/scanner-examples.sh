#!/usr/bin/env bash
# Writes docs/scanner.md: every example in it is run here with the real dawa-scan, against a new gateway on the
# embedded ledger's demo world (the jar ./run.sh builds), and its output is the real one. Needs ports 8080 and 9000
# free. Also writes the label images docs/scanner/*.png the page shows.
#
#   scripts/scanner-examples.sh        build what is missing, run the examples, write docs/scanner.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

gateway_jar=gateway-api/target/quarkus-app/quarkus-run.jar
scanner_jar=scanner-cli/target/dawa-scan.jar
[[ -f $gateway_jar && -f $scanner_jar ]] || mvn -B -q -DskipTests -pl gateway-api,scanner-cli -am install
for port in 8080 9000; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "scanner-examples: port $port is taken (a gateway of ./run.sh?); stop it first" >&2
    exit 1
  fi
done

work=$(mktemp -d /tmp/scanner-examples.XXXXXX)
export DAWALEDGER_DATA_DIR=$work/data
gateway=
start_gateway() {
  java -Xmx512m -jar "$gateway_jar" >> "$work/gateway.log" 2>&1 &
  gateway=$!
  until curl -sf http://localhost:8080/q/health/ready > /dev/null; do
    kill -0 "$gateway" 2> /dev/null || { cat "$work/gateway.log" >&2; exit 1; }
    sleep 0.5
  done
}
stop_gateway() {
  [[ -n $gateway ]] || return 0
  kill "$gateway" 2> /dev/null || true
  wait "$gateway" 2> /dev/null || true
  gateway=
}
trap 'stop_gateway; rm -rf "$work"' EXIT
start_gateway

out=docs/scanner.md.new
exec 3> "$out"
say() { printf '%s\n' "$@" >&3; }
# Shows a command as typed, what it printed (stdout and stderr, as a terminal shows them) and a non-zero exit code.
# Runs in the examples' folder, $work/till, so files it names are short; variables it sets stay set.
run() {
  local status=0
  printf '```console\n$ %s\n' "$1" >&3
  (cd "$work/till" && eval "$1") >&3 2>&1 || status=$?
  ((status == 0)) || printf '(exit %d)\n' "$status" >&3
  printf '```\n\n' >&3
}
mkdir -p "$work/till"
# What a pharmacy types: the launcher on its PATH.
mkdir -p "$work/bin" && ln -s "$root/scanner-cli/dawa-scan" "$work/bin/dawa-scan"
export PATH=$work/bin:$PATH NO_COLOR=1
GS=$'\x1d'
export GS

say '# The scanner: `dawa-scan`' ''
say 'A pharmacist or inspector points a barcode scanner (or a camera, or a folder of photos) at packs;'
say '`dawa-scan` reads what it sends, checks it strictly with the same `gs1` module the gateway uses, and asks the'
say 'gateway of its organisation for the verdict over gRPC. It runs from the repository with'
say '`scanner-cli/dawa-scan` (it builds its jar, `scanner-cli/target/dawa-scan.jar`, on first use); put that on your'
say '`PATH`. `dawa-scan --help` lists the commands, `dawa-scan help <command>` explains one, and'
say '`dawa-scan generate-completion` prints a bash/zsh completion script (`source <(dawa-scan generate-completion)`).'
say ''
say "Every example on this page was run by \`scripts/scanner-examples.sh\` on $(date -u +%Y-%m-%d) against a new"
say 'gateway on the embedded ledger'"'"'s demo world (`./run.sh`), with `NO_COLOR=1` (on a terminal, verdicts are'
say 'coloured), and shows its real output. The demo pharmacy holds packs `PAN000002` to `PAN000050` of Panadol'
say '500 mg (GTIN 08960001000015, lot PAN2401, expiry 2028-12-31); `PAN000001` was dispensed already.' ''

say '## Exit codes' ''
run "dawa-scan --help | sed -n '/^Exit codes/,\$p'"

say '## `decode`: what a scan says, without the network' ''
say 'A keyboard-wedge scanner types a DataMatrix as its symbology identifier `]d2` and the element string, with the'
say 'GS character (ASCII 29, shown here as `$GS`) after a variable-length field. The bracketed form printed under a'
say 'barcode and GS1 Digital Link URIs are read too; a GTIN alone (a 1D barcode) gives what it has.' ''
run 'dawa-scan decode "]d2010896000100001517281231"10PAN2401"$GS"21PAN000002 "(01)08960001000015(17)281231(10)PAN2401(21)PAN000003" "https://id.example.pk/01/08960001000015/10/PAN2401/21/PAN000004?17=281231" "(01)08960001000015"'
say 'What scanners get wrong is named exactly: a wrong check digit names the GTIN; a lost GS between lot and serial'
say 'reads as one long lot, which is kept as read (never guessed apart) but warned of.' ''
run 'dawa-scan decode "(01)08960001000016(17)281231(10)PAN2401" "]d2010896000100001517281231"10PAN240121PAN000002'
say 'For programs, one JSON object per scan (the second scan here is a digit short):' ''
run 'dawa-scan decode -o json "]d2010896000100001517281231"10PAN2401"$GS"21PAN000002 "(01)0896000100001"'

say '## `label`: GS1 DataMatrix labels' ''
say 'A manufacturer renders the labels of a batch as PNG images and a printable A4 PDF sheet (32 to a page, each'
say 'with its human-readable text). Everything is checked first; on a bad input nothing is written.' ''
run 'dawa-scan label --gtin 08960001000015 --lot PAN2401 --expiry 2028-12-31 --serials PAN000010..PAN000012 --png labels --pdf sheet.pdf'
cp "$work/till/labels/PAN000010.png" docs/scanner/label-PAN000010.png
say '![The DataMatrix label of pack PAN000010](scanner/label-PAN000010.png)' ''
run 'dawa-scan label --gtin 08960001000016 --lot PAN2401 --expiry 2028-12-31 --serial X1 --png bad'
say 'Images and folders of them are decoded (DataMatrix, GS1-128 and QR, several codes in one image):' ''
run 'dawa-scan decode labels'
