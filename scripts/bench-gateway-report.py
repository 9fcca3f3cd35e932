#!/usr/bin/env python3
"""The figures of scripts/bench-gateway.sh.

  bench-gateway-report.py ghz GHZ_JSON
      ghz's JSON report as the benchmark's one-line figures. Only calls that completed are counted and timed: ghz
      cancels the calls still in flight when its time is up, and reports them as Canceled or Unavailable
      ("transport is closing"); those are the run's end, any other failure an error.
  bench-gateway-report.py section RESULTS_TSV META_ENV HEADING
      the section of docs/benchmarks.md: method, tables side by side, targets.
"""
import json
import math
import sys

CUT_AT_THE_END = ("rpc error: code = Canceled desc = grpc: the client connection is closing",
                  "rpc error: code = Unavailable desc = transport is closing",
                  "rpc error: code = Canceled desc = context canceled")


def ghz(path):
    report = json.load(open(path, encoding="utf-8"))
    done = sorted(d["latency"] for d in report["details"] if not d.get("error"))
    errors = sum(1 for d in report["details"] if d.get("error") and d["error"] not in CUT_AT_THE_END)
    seconds = report["total"] / 1e9
    figures = {"client": "ghz", "mode": "unary", "requests": len(done), "seconds": round(seconds, 1),
               "rps": round(len(done) / seconds, 1), "p50_ms": round(rank(done, 50) / 1e6, 3),
               "p99_ms": round(rank(done, 99) / 1e6, 3), "errors": errors}
    print(json.dumps(figures))


def rank(sorted_values, percent):
    """Nearest rank, as the benchmark's own clients compute it."""
    if not sorted_values:
        return 0
    return sorted_values[max(0, math.ceil(percent / 100 * len(sorted_values)) - 1)]


ROWS = {
    "grpc-stream": ("gRPC `VerifyStream`", "the benchmark's client (VerifyLoad)"),
    "grpc-unary": ("gRPC `Verify`", "the benchmark's client (VerifyLoad)"),
    "grpc-unary-ghz": ("gRPC `Verify`", "ghz"),
    "rest-wrk": ("REST `POST /api/v1/verify`", "wrk"),
    "peer-evaluate": ("VerifyPack evaluated on the pharmacy's peer", "Fabric Gateway SDK 1.10"),
    "ledger-verify": ("the ledger alone: VerifyPack evaluated in-process on the local copy", "a thread per CPU"),
}


def section(results_path, meta_path, heading):
    meta = dict(line.rstrip("\n").split("=", 1) for line in open(meta_path, encoding="utf-8") if "=" in line)
    rows = {}
    for line in open(results_path, encoding="utf-8"):
        target, row, figures = line.rstrip("\n").split("\t", 2)
        rows[(target, row)] = json.loads(figures)
    load = json.loads(meta["load"])
    concurrency, connections = int(meta["concurrency"]), int(meta["connections"])
    peer = ("peer", "peer-evaluate") in rows
    out = []
    w = out.append
    w(f"## {heading}")
    w("")
    w("Measured by `scripts/bench-gateway.sh` (the benchmark's own client `VerifyLoad`, the echo server"
      " `EchoServer` and the")
    w("ledger filler `BenchmarkLedger` in gateway-api's test sources; `PeerVerifyBenchmark` in network-tests'; ghz"
      " and wrk).")
    w("")
    w(f"**Method.** The gateway (`quarkus-run.jar`, `-Xmx{meta['xmx']}`, default collector) on the embedded ledger"
      f" in a new data folder: the demo world, then a batch of {int(meta['packs']):,} packs of the demo product"
      f" commissioned as the demo manufacturer straight on the ledger, 10,000 per call"
      f" ({load['seconds']:.0f} s, {int(meta['packs']) / load['seconds']:,.0f} packs/s; the gateway stopped),"
      f" so the local copy holds {int(meta['packs']):,} packs more than the demo world's. Every request verifies"
      f" a random pack of that batch, sent as a raw scan (`code`, the bracketed GS1 form) anonymously: the"
      f" anonymous rate limit, per client address and every client here is 127.0.0.1, was raised out of the way"
      f" (`DAWALEDGER_ANONYMOUS_PER_SECOND` and `DAWALEDGER_ANONYMOUS_BURST` = 1,000,000,000). Every client keeps"
      f" **{concurrency} requests in flight** against every target: the benchmark's own gRPC client (grpc-java,"
      f" Netty) over {connections} connections, for `VerifyStream` one stream per connection with"
      f" {concurrency // connections} scans outstanding on each, every scan timed from being sent until its answer"
      f" (answers come in order), for `Verify` {concurrency} calls outstanding; ghz {meta['ghz']} (`Verify`,"
      f" `-c {concurrency} --connections {connections}`, 10,000 requests round-robin); {meta['wrk']} (REST,"
      f" `-t 2 -c {concurrency}`, one request in flight per connection, a body drawn at random per request from"
      f" 10,000). The gateway is first warmed up by {meta['server_warmup']} s of load (half streaming, half"
      f" REST: its JIT takes about a minute on this busy machine), the echo server by {meta['echo_warmup']} s,"
      f" the ledger alone by {int(meta['server_warmup']) // 2} s; then each row is {meta['warmup']} s of warm-up"
      f" and {meta['seconds']} s measured, the same load;"
      f" requests/s counts the answers that came in the measured time, p50/p99 are nearest-rank over them. The"
      f" benchmark's client checks every answer is ACTIVE; ghz and wrk count failed calls and non-2xx answers as"
      f" errors. The **ceiling** is `EchoServer` on the same ports after the gateway stopped: grpc-java (Netty,"
      f" answering on the transport's thread) serving `dawaledger.v1.Verification`'s `Verify` and `VerifyStream`"
      f" with bytes in and bytes out, each answered with the gateway's own reply for a pack, and Vert.x answering"
      f" every HTTP request with the gateway's own JSON answer once its body is read; the same clients, commands"
      f" and settings, in the same run. ghz's streaming mode times a whole stream, not a message, so"
      f" `VerifyStream` is measured by the benchmark's client alone.")
    if peer:
        w(f"The **naive way** is every verification a VerifyPack evaluated on the pharmacy's own peer of the"
          f" network of `network.sh up` through the Fabric Gateway SDK, {concurrency} callers at once, on random"
          f" packs of a batch of {int(meta['peer_packs']):,} it commissions first (the peer's state also holds"
          f" whatever earlier runs left there), same warm-up and length.")
    w(f"The **floor** is the ledger alone, before the gateway opened it: `BenchmarkLedger` opens the data folder"
      f" as the gateway does and evaluates VerifyPack on the local copy as the gateway's anonymous reader, in"
      f" process, a thread per CPU, no network, no parsing of scans, no mapping of answers; what every"
      f" verification of the gateway costs at least.")
    w(f"*Server CPU* is the server process's user and system time during the measured run (`/proc/PID/stat`), per"
      f" request and in cores; for the ledger alone the CPU time of its verifying threads (a fresh JVM's compiler"
      f" and collector threads left out). The gateway's memory: `VmRSS` sampled each second from its start to its stop, and"
      f" `VmHWM`, from `/proc/PID/status`.")
    w("")
    w(f"**Machine.** {meta['cpus']} CPUs, {meta['ram_gib']} GiB RAM, {meta['java']}; the clients, the gateway and"
      f" the echo server share the CPUs{', as does the network of five organisations' if peer else ''}, and"
      f" other work ran beside it: load average (1, 5, 15 min) {meta['loadavg_start']} after the build and"
      f" {meta['loadavg_end']} at the end. Run"
      f" {meta['date']}, {meta['minutes']} minutes in all.")
    w("")
    w("| API | client | gateway: requests/s | p50 ms | p99 ms | errors | server CPU ms/request (cores) |"
      " echo: requests/s | p50 ms | p99 ms | server CPU ms/request (cores) | gateway / echo |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key in ("grpc-stream", "grpc-unary", "grpc-unary-ghz", "rest-wrk"):
        gateway, echo = rows.get(("gateway", key)), rows.get(("echo", key))
        if not gateway or not echo:
            continue
        api, client = ROWS[key]
        w(f"| {api} | {client} | {gateway['rps']:,.0f} | {ms(gateway['p50_ms'])} | {ms(gateway['p99_ms'])} |"
          f" {gateway['errors']:,} | {cpu(gateway)} | {echo['rps']:,.0f} | {ms(echo['p50_ms'])} |"
          f" {ms(echo['p99_ms'])} | {cpu(echo)} | {100 * gateway['rps'] / echo['rps']:.0f}% |")
    floor = rows.get(("ledger", "ledger-verify"))
    if floor:
        w(f"| {ROWS['ledger-verify'][0]} | {ROWS['ledger-verify'][1]} | {floor['rps']:,.0f} |"
          f" {ms(floor['p50_ms'])} | {ms(floor['p99_ms'])} | {floor['errors']:,} | {cpu(floor)} |"
          f" — | — | — | — | — |")
    if peer:
        naive = rows[("peer", "peer-evaluate")]
        w("")
        w("| the naive way | client | requests/s | p50 ms | p99 ms |")
        w("|---|---|---:|---:|---:|")
        w(f"| {ROWS['peer-evaluate'][0]} | {ROWS['peer-evaluate'][1]} | {naive['rps']:,.0f} |"
          f" {ms(naive['p50_ms'])} | {ms(naive['p99_ms'])} |")
    w("")
    rss_max, hwm = int(meta["rss_max_kb"]) / 1024, int(meta["rss_hwm_kb"]) / 1024
    w(f"The gateway's resident memory: at most {rss_max:,.0f} MB sampled, peak (`VmHWM`) {hwm:,.0f} MB, with"
      f" `-Xmx{meta['xmx']}`; {meta['threads_idle']} threads when ready, {meta['threads_loaded']} after the load.")
    if floor and floor.get("server_cpu_s"):
        floor_ms = 1000 * floor["server_cpu_s"] / floor["requests"]
        shares = []
        for key, name in (("grpc-stream", "a streamed one"), ("grpc-unary-ghz", "a unary one (ghz)"),
                          ("rest-wrk", "a REST one")):
            gateway = rows[("gateway", key)]
            shares.append(f"{100 * floor_ms / (1000 * gateway['server_cpu_s'] / gateway['requests']):.0f}% of {name}")
        w("")
        w(f"Of the CPU a verification costs the gateway, the ledger alone (VerifyPack on the local copy) takes"
          f" {floor_ms:.3f} ms: {', '.join(shares)}; the rest is the gateway's own (gRPC or HTTP, parsing the"
          f" scan, mapping the answer, metrics, hand-offs between threads).")
    w("")

    w("**Targets.**")
    w("")
    w("| target | measured | met |")
    w("|---|---|---|")
    stream, rest = rows.get(("gateway", "grpc-stream")), rows.get(("gateway", "rest-wrk"))
    goal(w, "gRPC streaming: at least 5,000/s with p99 under 20 ms", stream,
           stream["rps"] >= 5000 and stream["p99_ms"] < 20)
    goal(w, "REST: at least 2,000/s with p99 under 20 ms", rest, rest["rps"] >= 2000 and rest["p99_ms"] < 20)
    for key in ("grpc-stream", "grpc-unary", "grpc-unary-ghz", "rest-wrk"):
        gateway, echo = rows[("gateway", key)], rows[("echo", key)]
        ratio = gateway["rps"] / echo["rps"]
        w(f"| at least half the echo ceiling: {ROWS[key][0]}, {ROWS[key][1]} | {gateway['rps']:,.0f}/s against"
          f" {echo['rps']:,.0f}/s: {100 * ratio:.0f}% | {yes(ratio >= 0.5)} |")
    if peer:
        naive = rows[("peer", "peer-evaluate")]
        for key in ("grpc-stream", "grpc-unary", "rest-wrk"):
            gateway = rows[("gateway", key)]
            ratio = gateway["rps"] / naive["rps"]
            w(f"| at least 10× the naive way: {ROWS[key][0]} | {gateway['rps']:,.0f}/s against"
              f" {naive['rps']:,.0f}/s: {ratio:.1f}× | {yes(ratio >= 10)} |")
    else:
        w("| at least 10× the naive way | not measured in this run (`--no-peer`, or Fabric 3.1.5 not found) | — |")
    w(f"| gateway resident memory under 600 MB | peak {hwm:,.0f} MB (`VmHWM`), `-Xmx{meta['xmx']}` |"
      f" {yes(hwm < 600)} |")
    w("")
    echo_stream, gateway_stream = rows[("echo", "grpc-stream")], rows[("gateway", "grpc-stream")]
    w(f"**Reading the figures.** The echo server spends"
      f" {1000 * echo_stream['server_cpu_s'] / echo_stream['requests']:.3f} ms of CPU on a streamed scan"
      + (f", less than the ledger alone on one VerifyPack ({floor_ms:.3f} ms)" if floor else "")
      + f", the gateway {1000 * gateway_stream['server_cpu_s'] / gateway_stream['requests']:.3f} ms: with the"
      " clients on the same 2 CPUs, the echo's rates are mostly what the clients can send. A `VerifyStream` is"
      " answered in order, its scans judged one after another off the event loop, so one stream's rate is bounded"
      " by a scan's turnaround, which includes waiting for a worker thread to be scheduled whenever the stream"
      " runs dry; more streams are judged at once. Requests/s and p99 move with what else this machine was"
      " running (the load averages above), from one row to the next: a row whose server used few cores was"
      " starved rather than slow, and the CPU per request is the steadier figure.")
    if floor and floor.get("server_cpu_s"):
        cpus = int(meta["cpus"])
        bounds = []
        for key in ("grpc-stream", "grpc-unary", "grpc-unary-ghz", "rest-wrk"):
            echo = rows[("echo", key)]
            # Estimate: the echo run kept every CPU busy, so what its server did not use went to its clients.
            client_ms = 1000 * (cpus * echo["seconds"] - echo["server_cpu_s"]) / echo["requests"]
            most = 1000 * cpus / (client_ms + floor_ms)
            bounds.append(f"{ROWS[key][0]} with {ROWS[key][1]}: clients {client_ms:.3f} ms, at most {most:,.0f}/s,"
                          f" {100 * most / echo['rps']:.0f}% of its echo")
        w("")
        w(f"**How far half the echo ceiling is from reach here.** An estimate, assuming each echo run kept all"
          f" {cpus} CPUs busy, so that what the echo server did not use went to the clients: a gateway that added"
          f" nothing at all to the ledger alone ({floor_ms:.3f} ms a verification), with the same clients on the"
          f" same CPUs, could answer at most {cpus} CPUs / (the clients' CPU per request + {floor_ms:.3f} ms): "
          + "; ".join(bounds) + ". Where that is under 50%, no gateway that evaluates VerifyPack on every request"
          " can meet half the echo ceiling on this machine.")
    w("")
    w("**What this does not measure.** Loopback only, no TLS; anonymous verification only (a signed-in party's"
      " failed scans also write an alert to the ledger); reads with nothing being written; one gateway process;"
      " the clients on the same CPUs as the server.")
    print("\n".join(out))


def goal(w, label, figures, met):
    w(f"| {label} | {figures['rps']:,.0f}/s, p99 {ms(figures['p99_ms'])} ms | {yes(met)} |")


def cpu(figures):
    seconds = figures.get("server_cpu_s")
    if seconds is None or not figures["requests"]:
        return "—"
    return f"{1000 * seconds / figures['requests']:.3f} ({seconds / figures['seconds']:.2f})"


def ms(value):
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def yes(met):
    return "yes" if met else "**no**"


if __name__ == "__main__":
    if sys.argv[1:2] == ["ghz"] and len(sys.argv) == 3:
        ghz(sys.argv[2])
    elif sys.argv[1:2] == ["section"] and len(sys.argv) == 5:
        section(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
