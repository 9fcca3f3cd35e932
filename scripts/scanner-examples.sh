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
# Runs in the examples' folder, $work/till (gateway-api/ linked in), so the paths it names are short; variables it
# sets stay set.
run() {
  local status=0
  printf '```console\n$ %s\n' "$1" >&3
  cd "$work/till"
  eval "$1" >&3 2>&1 || status=$?
  cd "$root"
  ((status == 0)) || printf '(exit %d)\n' "$status" >&3
  printf '```\n\n' >&3
}
mkdir -p "$work/till" && ln -s "$root/gateway-api" "$work/till/gateway-api"
# The examples' own queue, not this machine's user's.
export DAWA_SCAN_QUEUE=queue.db
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

say '## Online: `verify`, `dispense`, `watch`, `sync`' ''
say 'These ask the gateway over gRPC ([`verification.proto`](../gateway-api/src/main/proto/dawaledger/v1/verification.proto),'
say '`packs.proto`): `verify` streams every scan through one `VerifyStream`, `dispense` makes one `Packs/Dispense` per'
say 'pack with its own idempotency key, `watch` answers each line a keyboard-wedge scanner types until Ctrl-D, and'
say '`sync` sends what was queued offline.' ''
cat >&3 <<'MD'
### Options

| option | environment | default | |
|---|---|---|---|
| `--gateway HOST:PORT` | `DAWA_SCAN_GATEWAY` | `localhost:9000` | the gateway's gRPC address |
| `--token TOKEN`, `--token-file FILE` | `DAWA_SCAN_TOKEN` | none (anonymous) | the bearer token `gateway-api/token.sh issue PARTICIPANT` printed; sent as `authorization: Bearer …`, never printed or logged (prefer the file or the environment: other users' `ps` shows arguments) |
| `--tls-ca FILE` | | the system's CAs | the CA (PEM) the gateway's TLS certificate is checked against ([operations.md](operations.md#grpc-over-tls)) |
| `--plaintext` | | TLS | no TLS: for the gateway of `./run.sh` on this machine |
| `--queue FILE` | `DAWA_SCAN_QUEUE` | `$XDG_DATA_HOME/dawa-scan/queue.db`, else `~/.local/share/dawa-scan/queue.db` | the offline queue |
| `-o`, `--output` | | `text` | `text` (verdicts in colour on a terminal, none with `NO_COLOR`), `json` (one object per scan), `csv` (a header, then a row per scan) |
MD
say '### Anyone verifies: the public answer' ''
run 'dawa-scan verify --plaintext "(01)08960001000015(21)PAN000002(10)PAN2401(17)281231" "(01)08960001000015(21)FAKE0001(10)PAN2401(17)281231" "(01)08960001000015(21)PANR00003(10)PAN2399(17)281231" "(01)08960001000015"'
say 'The pharmacy'"'"'s admin issues the till a token once (`gateway-api/token.sh`, on the gateway'"'"'s data folder);'
say 'the scanner reads it from `DAWA_SCAN_TOKEN` (or `--token-file`), never from the command line others can see.' ''
run 'export DAWA_SCAN_TOKEN=$(gateway-api/token.sh issue pharmacy); echo "${DAWA_SCAN_TOKEN:0:13}…"'
say '### A pharmacy verifies and dispenses' ''
say 'Signed in, the answer is the whole one, and a failed verification raises an alert on the ledger as the pharmacy.' ''
run 'dawa-scan verify --plaintext -o json "]d2010896000100001517281231"10PAN2401"$GS"21PAN000003 "(01)08960001000015(21)PAN000001(10)PAN2401(17)281231"'
run 'dawa-scan dispense --plaintext "(01)08960001000015(21)PAN000003(10)PAN2401(17)281231" "(01)08960001000015(21)PAN000003(10)PAN2401(17)281231"'
say 'A photo or a label image goes the same way, here the label made above:' ''
run 'dawa-scan verify --plaintext labels/PAN000010.png'
say '### A keyboard-wedge scanner: `watch`' ''
say 'Each line is answered as it comes; here two scans typed into it, then Ctrl-D:' ''
run 'printf "%s\n" "(01)08960001000015(21)PAN000004(10)PAN2401(17)281231" "(01)08960001000015(21)PAN000004(10)PAN2402(17)281231" | dawa-scan watch --plaintext'
say '### Offline, then `sync`' ''
say 'The gateway goes away (here: stopped). The pharmacist keeps dispensing; every scan is queued on disk with its'
say 'idempotency key, and the command exits 4.' ''
stop_gateway
run 'dawa-scan dispense --plaintext "(01)08960001000015(21)PAN000005(10)PAN2401(17)281231" "(01)08960001000015(21)PAN000006(10)PAN2401(17)281231" "(01)08960001000015(21)PAN000003(10)PAN2401(17)281231"'
say 'The gateway back, `sync` sends the queue and says what the ledger answered to each, including a pack that'
say 'turned out to be dispensed already (exit 3):' ''
start_gateway
run 'dawa-scan sync --plaintext'
run 'dawa-scan sync --plaintext'
cat >&3 <<'MD'
### How the offline queue works

When the gateway cannot be reached (connection refused, no answer within 30 s), every scan that can be read is put
in the queue (scans that cannot be read are errors and are not queued), the command says `QUEUED` for each and exits
`4`; `sync` sends them later, oldest first. The queue is one SQLite file in WAL mode with `synchronous=FULL`: a scan
is on disk before `QUEUED` is printed, and survives a crash, a `kill -9` or a power cut.

- Each scan gets an idempotency key when it is queued, kept with it. A dispense is sent with it, so a retry after a
  lost answer hears the first outcome instead of dispensing twice; a dispense whose answer was lost online is
  queued with the key it was already sent with.
- `sync` notes an attempt before it sends a scan and removes the scan once the answer is in. A sync killed
  between the two sends that scan again next time: a dispense then answers its first outcome (said in its message).
- `sync` reports what the ledger answered to each: a pack sold meanwhile answers `ALREADY_SUPPLIED` (exit 3).
  It stops at the first scan the gateway cannot take yet (unreachable: exit 4; a refused token: exit 1), leaving it
  and the rest queued; a scan the ledger cannot judge is reported and leaves the queue.
- A queued verification is sent with its idempotency key too: resent after a killed sync, it hears the alert its
  first try raised (the gateway keeps it per party and key) instead of raising a second one.
- A plaintext scanner talking to a TLS-only gateway sees the connection closed, as if the gateway were down, so its
  scans are queued; a TLS scanner talking to a plaintext gateway, or an untrusted certificate, is `TLS_FAILED`.

Long runs (`verify` of a 10,000-line file, `dispense`, `sync`) show a progress bar on standard error when both
standard output and standard error are a terminal, and none when output is piped or redirected.

### When several exit codes apply

`0` every pack ACTIVE (or dispensed), `1` an error (a scan that cannot be read, a refused token, a TLS failure),
`2` wrong usage, `3` at least one suspect or non-sellable answer, `4` the gateway could not be reached and scans
were queued. When several apply: `3` first (a suspect pack is never hidden), then `4`, then `1`.

MD
say '`ScannerOfflineIT` runs this with the packaged gateway and the scanner'"'"'s jar as processes: online, the gateway'
say 'stopped and scans queued, the gateway back, a sync killed with SIGKILL between sending a scan and recording its'
say 'answer, and a second sync that drains the queue with nothing lost or doubled; `ScannerTlsIT` runs it over TLS.' ''

exec 3>&-
mv "$out" docs/scanner.md
echo "scanner-examples: wrote docs/scanner.md" >&2
