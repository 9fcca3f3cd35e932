#!/usr/bin/env bash
# Measures the gateway's verification (issue 9) and writes the section "Gateway: verification over gRPC and REST" of
# docs/benchmarks.md (other sections are left alone):
#   - the gateway on the embedded ledger with 1,000,000 packs in its local copy (seeded with the demo world, then a
#     batch of the demo product commissioned straight on its ledger), verifying random packs of that batch over gRPC
#     streaming (VerifyStream) and unary (Verify), and over REST (POST /api/v1/verify);
#   - the ceiling: a trivial echo server on the same machine answering the same gRPC methods, and POST over HTTP,
#     with a canned answer the gateway gave, measured by the same clients with the same settings in the same run;
#   - the naive way: VerifyPack evaluated on the pharmacy's peer per request through the Fabric Gateway SDK, on the
#     real network (network-config/network.sh up, started if it is not running), in the same run;
#   - the gateway's resident memory (VmRSS sampled each second during the load, and its peak VmHWM).
# Clients: the benchmark's own gRPC client (VerifyLoad, streaming and unary), ghz (unary) and wrk (REST), installed
# by this script into .cache/bench-tools/ (ignored by git) and with Debian's apt. About 10 minutes on 2 CPUs. Not a
# test: its figures depend on the machine and on what else runs on it.
#
# Options:
#   --packs N          packs in the gateway's local copy (default 1,000,000)
#   --seconds S        length of each measured run (default 10); --warmup S before each (default 5)
#   --server-warmup S  load before the gateway's first run, half streaming, half REST (default 60: its JIT takes
#                      that long on a busy machine); half as long for the ledger alone
#   --echo-warmup S    the same before the echo server's first run (default 20)
#   --concurrency N    requests in flight for every client and target (default 32)
#   --connections N    gRPC connections (default 4; REST uses one connection per request in flight)
#   --xmx SIZE         the gateway's -Xmx (default 256m)
#   --peer | --no-peer the naive way on the real network: by default when Fabric 3.1.5 can be found
#                      (network-config/network.sh install), as it then brings the network up
#   --peer-packs N     packs commissioned on the network for the naive way (default 50,000)
#   --data DIR         keep the gateway's data folder in DIR, and reuse it when an earlier run filled it with as
#                      many packs (for trying the benchmark out; by default a new one, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."

section="Gateway: verification over gRPC and REST"
packs=1000000 seconds=10 warmup=5 server_warmup=60 echo_warmup=20
concurrency=32 connections=4 xmx=256m peer=auto peer_packs=50000 data=
while (($#)); do
  case $1 in
    --packs) packs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --server-warmup) server_warmup=$2; shift 2 ;;
    --echo-warmup) echo_warmup=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    --peer) peer=yes; shift ;;
    --no-peer) peer=no; shift ;;
    --peer-packs) peer_packs=$2; shift 2 ;;
    --data) data=$(realpath -m "$2"); shift 2 ;;
    *) echo "bench: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
((concurrency % connections == 0)) || { echo "bench: --concurrency must be a multiple of --connections" >&2; exit 2; }
if [[ $peer == auto ]]; then
  peer=no
  network-config/network.sh install >/dev/null 2>&1 && peer=yes
fi
http_port=${BENCH_HTTP_PORT:-8095}
grpc_port=${BENCH_GRPC_PORT:-9095}
proto=gateway-api/src/main/proto/dawaledger/v1/verification.proto
started=$(date +%s)

work=$(mktemp -d /tmp/bench-gateway.XXXXXX)
server=
sampler=
stop_server() {
  local process
  for process in $sampler $server; do
    kill "$process" 2>/dev/null || true
    wait "$process" 2>/dev/null || true
  done
  sampler= server=
}
trap 'stop_server; rm -rf "$work"' EXIT

for port in "$http_port" "$grpc_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "bench: something already listens on port $port; stop it or set BENCH_HTTP_PORT / BENCH_GRPC_PORT" >&2
    exit 1
  fi
done

# ------------------------------------------------------------------------------------------------ tools and build

tools=$PWD/.cache/bench-tools
ghz=$tools/bin/ghz
ghz_version=v0.93.0
install_tools() {
  local apt=()
  command -v wrk >/dev/null 2>&1 || apt+=(wrk)
  [[ -x $ghz ]] || command -v go >/dev/null 2>&1 || apt+=(golang-go)
  if ((${#apt[@]})); then
    echo "bench: installing ${apt[*]} (Debian's packages)" >&2
    [[ $(id -u) -eq 0 ]] || { echo "bench: need root to install ${apt[*]}" >&2; exit 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt[@]}" >/dev/null
  fi
  if [[ ! -x $ghz ]]; then
    echo "bench: installing ghz $ghz_version into $tools/bin (go install)" >&2
    mkdir -p "$tools/bin"
    GOBIN=$tools/bin go install "github.com/bojand/ghz/cmd/ghz@$ghz_version"
  fi
}
install_tools

echo "bench: building the gateway and the benchmark's clients" >&2
modules=gateway-api
[[ $peer == yes ]] && modules=gateway-api,network-tests
# Each module's test class path into its own target/ (a relative file parameter is taken from the module's folder).
mvn -B -q -DskipTests -pl "$modules" -am package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
classpath="gateway-api/target/test-classes:gateway-api/target/classes:$(cat gateway-api/target/bench-classpath.txt)"
bench() { java -Xmx512m -cp "$classpath" "org.dawaledger.gateway.$1" "${@:2}"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------------------------------------------ the packs

# The packs go into the local copy straight through the ledger, the gateway stopped: BenchmarkLedger opens the data
# folder as the gateway does, seeds the demo world, and commissions the batch 10,000 per call.
# Commissioning through the gateway's serial upload API is measured by scripts/bench-upload.sh.
load_packs() {
  echo "bench: commissioning $packs packs into a new ledger in $data" >&2
  rm -rf "$data"
  bench ledger.BenchmarkLedger commission "$data" "$packs" 2>"$work/load.log" >"$data.load.json" \
    || { tail -20 "$work/load.log" >&2; exit 1; }
  cat "$data.load.json" >&2
}
if [[ -z $data ]]; then
  data=$work/data
  load_packs
elif grep -qs "\"packs\": $packs," "$data.load.json"; then
  echo "bench: reusing the $packs packs in $data" >&2
elif [[ -e $data.load.json || ! -e $data ]]; then
  load_packs
else
  echo "bench: $data holds something this benchmark did not make; give it a new folder" >&2
  exit 1
fi
bench bench.RequestFiles 10000 "$packs" "$work/ghz.json" "$work/bodies.lua" "$work/pack1.json"

# ------------------------------------------------------------------------------------------------ measuring

results=$work/results.tsv
: >"$results"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
# A client's JSON line of figures with the server's CPU seconds over the measured run (clock ticks of 1/100 s).
with_cpu() { local figures=$1 ticks=$2; echo "${figures%\}}, \"server_cpu_s\": $(awk "BEGIN {print $ticks / 100}")}"; }

# One row: TARGET ROW then the client's command, which warms up, runs for the measured time and prints one JSON
# line of figures with the server's CPU time over it.
measure() {
  local target=$1 row=$2 figures
  shift 2
  echo "bench: $target, $row (${warmup} s warm-up, ${seconds} s measured)" >&2
  figures=$("$@")
  if ! kill -0 "$server" 2>/dev/null; then
    echo "bench: the $target stopped during the run; its log ends:" >&2
    tail -30 "$work/$target.log" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\n' "$target" "$row" "$figures" >>"$results"
  echo "bench:   $figures" >&2
}

# The benchmark's own client reads the server's CPU time itself, around its measured run only.
java_client() { bench bench.VerifyLoad --target "localhost:$grpc_port" --connections "$connections" \
  --in-flight "$concurrency" --packs "$packs" --seconds "$seconds" --warmup "$warmup" --server-pid "$server" \
  "$@" 2>/dev/null; }
ghz_client() {
  local flags=(--insecure --proto "$proto" --call dawaledger.v1.Verification.Verify -D "$work/ghz.json"
    -c "$concurrency" --connections "$connections") before
  "$ghz" "${flags[@]}" -z "${warmup}s" "localhost:$grpc_port" >/dev/null
  before=$(cpu_ticks)
  "$ghz" "${flags[@]}" -z "${seconds}s" --format json -o "$work/ghz-out.json" "localhost:$grpc_port" >/dev/null
  with_cpu "$(python3 scripts/bench-gateway-report.py ghz "$work/ghz-out.json")" $(( $(cpu_ticks) - before ))
}
wrk_client() {
  local flags=(-t 2 -c "$concurrency" -s scripts/bench-gateway.lua "http://localhost:$http_port/api/v1/verify"
    -- "$work/bodies.lua") before figures
  wrk -d "${warmup}s" "${flags[@]}" >/dev/null
  before=$(cpu_ticks)
  figures=$(wrk -d "${seconds}s" "${flags[@]}" | tail -1)
  with_cpu "$figures" $(( $(cpu_ticks) - before ))
}

# Every row, against the server that listens on the ports now: TARGET WARMUP_SECONDS [VerifyLoad options for the
# warm-up]. First a warm-up of the server as a whole, half streaming, half REST.
measure_all() {
  local target=$1 length=$2
  echo "bench: $target, warming up (${length} s)" >&2
  bench bench.VerifyLoad --target "localhost:$grpc_port" --mode stream --connections "$connections" \
    --in-flight "$concurrency" --packs "$packs" --seconds $((length / 2)) --warmup 0 "${@:3}" >/dev/null \
    2>"$work/warmup.log" || { tail -20 "$work/warmup.log" >&2; exit 1; }
  wrk -d "$((length - length / 2))s" -t 2 -c "$concurrency" -s scripts/bench-gateway.lua \
    "http://localhost:$http_port/api/v1/verify" -- "$work/bodies.lua" >/dev/null
  measure "$target" grpc-stream java_client --mode stream
  measure "$target" grpc-unary java_client --mode unary
  measure "$target" grpc-unary-ghz ghz_client
  measure "$target" rest-wrk wrk_client
}

wait_for() {
  local what=$1 url=$2
  for _ in $(seq 240); do
    curl -s -o /dev/null "$url" && return 0
    if ! kill -0 "$server" 2>/dev/null; then
      echo "bench: $what stopped; its log:" >&2
      tail -30 "$work/$what.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "bench: $what did not answer at $url" >&2
  exit 1
}

# The floor: what the ledger alone does, in-process, before the gateway opens it (one process at a time).
echo "bench: ledger alone, VerifyPack in-process on $(nproc) threads ($((server_warmup / 2)) s warm-up, ${seconds} s" \
  "measured)" >&2
figures=$(bench ledger.BenchmarkLedger verify "$data" "$packs" "$(nproc)" $((server_warmup / 2)) "$seconds" \
  2>"$work/ledger.log") \
  || { tail -20 "$work/ledger.log" >&2; exit 1; }
printf 'ledger\tledger-verify\t%s\n' "$figures" >>"$results"
echo "bench:   $figures" >&2

echo "bench: starting the gateway (-Xmx$xmx) on ports $http_port and $grpc_port" >&2
# The anonymous rate limit (per client address; every client here is 127.0.0.1) is raised out of the way.
DAWALEDGER_DATA_DIR=$data QUARKUS_HTTP_PORT=$http_port QUARKUS_GRPC_SERVER_PORT=$grpc_port \
  DAWALEDGER_ANONYMOUS_PER_SECOND=1000000000 DAWALEDGER_ANONYMOUS_BURST=1000000000 \
  java "-Xmx$xmx" -jar gateway-api/target/quarkus-app/quarkus-run.jar >"$work/gateway.log" 2>&1 &
server=$!
wait_for gateway "http://localhost:$http_port/q/health/ready"
(while [[ -r /proc/$server/status ]]; do
  awk '/^VmRSS:/ {print $2}' "/proc/$server/status" 2>/dev/null
  sleep 1
done) >"$work/rss.txt" &
sampler=$!
gateway_threads_idle=$(awk '/^Threads:/ {print $2}' "/proc/$server/status")
# The canned answers the echo server gives: the gateway's own, for pack 1 of the batch.
curl -s -X POST "http://localhost:$http_port/api/v1/verify" -H 'Content-Type: application/json' \
  -d @"$work/pack1.json" -o "$work/rest-reply.json"
grep -q '"verdict":"ACTIVE"' "$work/rest-reply.json" \
  || { echo "bench: the gateway did not find pack 1 ACTIVE: $(cat "$work/rest-reply.json")" >&2; exit 1; }
measure_all gateway "$server_warmup" --save-reply "$work/grpc-reply.bin"
gateway_threads=$(awk '/^Threads:/ {print $2}' "/proc/$server/status")
gateway_hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$server/status")
stop_server

echo "bench: starting the echo server on the same ports" >&2
java -Xmx512m -cp "$classpath" org.dawaledger.gateway.bench.EchoServer "$grpc_port" "$work/grpc-reply.bin" \
  "$http_port" "$work/rest-reply.json" >"$work/echo.log" 2>&1 &
server=$!
wait_for echo "http://localhost:$http_port/"
measure_all echo "$echo_warmup"
stop_server

if [[ $peer == yes ]]; then
  network_was_up=no
  network-config/network.sh status >/dev/null 2>&1 && network_was_up=yes
  echo "bench: the naive way: bringing the network up (network-config/network.sh up)" >&2
  network-config/network.sh up
  peer_classpath="network-tests/target/test-classes:$(cat network-tests/target/bench-classpath.txt)"
  echo "bench: network, peer-evaluate (commissioning $peer_packs packs first)" >&2
  figures=$(java -Xmx512m -Dnetwork.script="$PWD/network-config/network.sh" -cp "$peer_classpath" \
    org.dawaledger.network.bench.PeerVerifyBenchmark --callers "$concurrency" --seconds "$seconds" \
    --warmup "$warmup" --packs "$peer_packs" 2>"$work/peer.log") || { tail -30 "$work/peer.log" >&2; exit 1; }
  printf 'peer\tpeer-evaluate\t%s\n' "$figures" >>"$results"
  echo "bench:   $figures" >&2
  if [[ $network_was_up == no ]]; then
    echo "bench: taking the network down again (network-config/network.sh down)" >&2
    network-config/network.sh down >/dev/null
  fi
fi

# ------------------------------------------------------------------------------------------------ the section

cat >"$work/meta.env" <<EOF
packs=$packs
seconds=$seconds
warmup=$warmup
server_warmup=$server_warmup
echo_warmup=$echo_warmup
concurrency=$concurrency
connections=$connections
xmx=$xmx
peer=$peer
peer_packs=$peer_packs
rss_max_kb=$(sort -n "$work/rss.txt" | tail -1)
rss_hwm_kb=$gateway_hwm
threads_idle=$gateway_threads_idle
threads_loaded=$gateway_threads
load=$(cat "$data.load.json")
cpus=$(nproc)
ram_gib=$(free -g | awk '/^Mem:/ {print $2}')
java=$(java -version 2>&1 | head -1)
ghz=$ghz_version
wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)
loadavg_start=$load_before
loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)
date=$(date -u '+%Y-%m-%d %H:%M UTC')
minutes=$(( ($(date +%s) - started + 59) / 60 ))
EOF
# The raw figures stay in target/ so the section can be rewritten from them without measuring again.
cp "$results" gateway-api/target/bench-gateway-results.tsv
cp "$work/meta.env" gateway-api/target/bench-gateway-meta.env
python3 scripts/bench-gateway-report.py section "$results" "$work/meta.env" "$section" >"$work/section.md"
cat "$work/section.md"
scripts/benchmark-section.py docs/benchmarks.md "$work/section.md" "## $section"
echo "bench: wrote section \"$section\" of docs/benchmarks.md" >&2
