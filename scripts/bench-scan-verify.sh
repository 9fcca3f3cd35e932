#!/usr/bin/env bash
# Measures `dawa-scan verify` of a 10,000-line scan file end to end through the gateway (issue 10), beside the
# gateway's own gRPC streaming figure from the same run, and writes the section "Scanner: verify of a scan file
# through the gateway" of docs/benchmarks.md (other sections are left alone):
#   - the gateway (quarkus-run.jar) on the embedded ledger with a batch of --packs packs commissioned straight on its
#     ledger (BenchmarkLedger, as scripts/bench-gateway.sh does), the anonymous rate limit raised out of the way;
#   - a scan file of --lines random packs of that batch, one bracketed GS1 scan per line;
#   - the scanner's shaded jar run --runs times as a pharmacist would (`dawa-scan verify --plaintext -o csv < file >
#     out`): wall time from the process's start to its exit, JVM start included, every answer checked ACTIVE; and a
#     one-line file, for what starting the scanner alone costs;
#   - the gateway's own VerifyStream figure, by gateway-api's benchmark client VerifyLoad, right after, on one
#     connection (as the scanner uses) and on 4 connections with 32 scans in flight (scripts/bench-gateway.sh's load).
# Not a test: its figures depend on the machine and on what else runs on it. About 3 minutes on 2 CPUs.
#
# Options: --packs N (default 100,000), --lines N (default 10,000), --runs N (default 5), --seconds S (each
# VerifyLoad run, default 10), --warmup S (the gateway's warm-up before anything is measured, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."

section="Scanner: verify of a scan file through the gateway"
packs=100000 lines=10000 runs=5 seconds=10 warmup=30
while (($#)); do
  case $1 in
    --packs) packs=$2; shift 2 ;;
    --lines) lines=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "bench: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
http_port=${BENCH_HTTP_PORT:-8096}
grpc_port=${BENCH_GRPC_PORT:-9096}
for port in "$http_port" "$grpc_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "bench: something already listens on port $port; stop it or set BENCH_HTTP_PORT / BENCH_GRPC_PORT" >&2
    exit 1
  fi
done

work=$(mktemp -d /tmp/bench-scan-verify.XXXXXX)
server=
trap '[[ -n $server ]] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$work"' EXIT

echo "bench: building the gateway, its benchmark clients and the scanner" >&2
mvn -B -q -DskipTests -pl gateway-api,scanner-cli -am package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
classpath="gateway-api/target/test-classes:gateway-api/target/classes:$(cat gateway-api/target/bench-classpath.txt)"
bench() { java -Xmx512m -cp "$classpath" "org.dawaledger.gateway.$1" "${@:2}"; }
scanner=scanner-cli/target/dawa-scan.jar
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)

echo "bench: commissioning $packs packs into a new ledger" >&2
bench ledger.BenchmarkLedger commission "$work/data" "$packs" >"$work/load.json" 2>"$work/load.log" \
  || { tail -20 "$work/load.log" >&2; exit 1; }
python3 - "$packs" "$lines" "$work/scans.txt" <<'PY'
import random, sys
packs, lines, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(10)
with open(path, "w") as out:
    for _ in range(lines):
        out.write("(01)08960001000015(21)BN%07d(10)BENCH1M(17)281231\n" % random.randint(1, packs))
PY
head -1 "$work/scans.txt" >"$work/one.txt"

echo "bench: starting the gateway on ports $http_port and $grpc_port" >&2
DAWALEDGER_DATA_DIR=$work/data QUARKUS_HTTP_PORT=$http_port QUARKUS_GRPC_SERVER_PORT=$grpc_port \
  DAWALEDGER_ANONYMOUS_PER_SECOND=1000000000 DAWALEDGER_ANONYMOUS_BURST=1000000000 \
  java -Xmx256m -jar gateway-api/target/quarkus-app/quarkus-run.jar >"$work/gateway.log" 2>&1 &
server=$!
for _ in $(seq 240); do
  curl -s -o /dev/null "http://localhost:$http_port/q/health/ready" && break
  kill -0 "$server" 2>/dev/null || { tail -30 "$work/gateway.log" >&2; exit 1; }
  sleep 0.5
done
load() { bench bench.VerifyLoad --target "localhost:$grpc_port" --mode stream --packs "$packs" "$@" 2>/dev/null; }
echo "bench: warming the gateway up (${warmup} s of VerifyStream)" >&2
load --connections 4 --in-flight 32 --seconds "$warmup" --warmup 0 >/dev/null

# One scanner run: FILE; prints its wall seconds, after checking every answer is ACTIVE.
scan() {
  local file=$1 t0 t1 expected
  expected=$(wc -l <"$file")
  t0=$(date +%s%N)
  java -jar "$scanner" verify --plaintext --gateway "localhost:$grpc_port" --queue "$work/queue.db" -o csv \
    <"$file" >"$work/out.csv" 2>"$work/scan.err" || { cat "$work/scan.err" >&2; exit 1; }
  t1=$(date +%s%N)
  local active
  active=$(grep -c ',verify,ok,ACTIVE,' "$work/out.csv" || true)
  ((active == expected)) || { echo "bench: $active of $expected answers ACTIVE" >&2; head -3 "$work/out.csv" >&2; exit 1; }
  awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / 1e9}"
}
echo "bench: the scanner, $runs runs of $lines lines and $runs of one" >&2
: >"$work/runs.txt"
for _ in $(seq "$runs"); do
  printf '%s %s\n' "$(scan "$work/scans.txt")" "$(scan "$work/one.txt")" >>"$work/runs.txt"
  echo "bench:   $(tail -1 "$work/runs.txt") s" >&2
done
echo "bench: the gateway's own VerifyStream (VerifyLoad), ${seconds} s each" >&2
one=$(load --connections 1 --in-flight 32 --seconds "$seconds" --warmup 5)
four=$(load --connections 4 --in-flight 32 --seconds "$seconds" --warmup 5)
echo "bench:   $one" >&2
echo "bench:   $four" >&2
kill "$server"; wait "$server" 2>/dev/null || true; server=

python3 - docs/benchmarks.md "$section" "$work/runs.txt" "$one" "$four" "$lines" "$packs" "$runs" "$warmup" \
  "$seconds" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(( ($(date +%s) - started + 30) / 60 ))" \
  "$(java -version 2>&1 | head -1)" "$(nproc)" <<'PY'
import json, statistics, sys, datetime
(doc, section, runs_file, one, four, lines, packs, count, warmup, seconds, load_before, load_after, minutes,
 java, cpus) = sys.argv[1:]
lines, packs = int(lines), int(packs)
runs = [tuple(map(float, l.split())) for l in open(runs_file) if l.strip()]
whole = statistics.median(r[0] for r in runs)
start = statistics.median(r[1] for r in runs)
one, four = json.loads(one), json.loads(four)
f = lambda x: f"{x:,.0f}"
text = f"""## {section}

Measured by `scripts/bench-scan-verify.sh`.

**Method.** The gateway (`quarkus-run.jar`, `-Xmx256m`) on the embedded ledger in a new data folder: the demo world
and a batch of {packs:,} packs commissioned straight on its ledger (`BenchmarkLedger`), the anonymous rate limit
raised out of the way, warmed up by {warmup} s of `VerifyStream` load. A scan file of {lines:,} lines, each a random
pack of that batch as a bracketed GS1 scan. The scanner's shaded jar verifies it as a pharmacist would,
`dawa-scan verify --plaintext -o csv < scans.txt > out.csv` (anonymous, over one `VerifyStream`, sent as fast as
gRPC's flow control lets it, every answer written and flushed as it comes), {count} times, each run timed from the
process's start to its exit and every answer checked ACTIVE; a one-line file, as often, for what starting the
scanner's JVM costs alone. Then, in the same run and against the same gateway, gateway-api's benchmark client
`VerifyLoad` (`--mode stream`, {seconds} s after 5 s of warm-up): on one connection with 32 scans in flight, and
on 4 connections with 32 in flight (the load of `scripts/bench-gateway.sh`).

**Machine.** {cpus} CPUs, {java}; clients and gateway share the CPUs, and other work ran beside
it: load average (1, 5, 15 min) {load_before} before and {load_after} after. Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC,
{minutes} minutes in all.

| what | scans/s | notes |
|---|---:|---|
| `dawa-scan verify` of {lines:,} lines, end to end | {f(lines / whole)} | median of {count} runs: {whole:.2f} s, JVM start included |
| the same, less the scanner's start | {f(lines / max(whole - start, 1e-3))} | {whole:.2f} s less {start:.2f} s (the median run of a one-line file) |
| the gateway's own `VerifyStream`, 1 connection, 32 in flight (VerifyLoad) | {f(one['rps'])} | p50 {one['p50_ms']:.2f} ms, p99 {one['p99_ms']:.2f} ms, {one['errors']} errors |
| the gateway's own `VerifyStream`, 4 connections, 32 in flight (VerifyLoad) | {f(four['rps'])} | p50 {four['p50_ms']:.2f} ms, p99 {four['p99_ms']:.2f} ms, {four['errors']} errors |

Every run: {', '.join(f'{r[0]:.2f} s' for r in runs)} for the file; {', '.join(f'{r[1]:.2f} s' for r in runs)}
for one line.

**What this does not measure.** Loopback, no TLS; anonymous scans (a signed-in party's failed scans also write
alerts); the terminal (output to a file, so no progress bar and no colour); the offline queue (nothing is queued
while the gateway answers).

"""
body = open(doc).read()
head = f"## {section}\n"
if head in body:
    start_i = body.index(head)
    nxt = body.find("\n## ", start_i + len(head))
    body = body[:start_i] + text + (body[nxt + 1:] if nxt >= 0 else "")
else:
    body = body.rstrip("\n") + "\n\n" + text
open(doc, "w").write(body.rstrip("\n") + "\n")
PY
echo "bench: wrote \"$section\" in docs/benchmarks.md" >&2
