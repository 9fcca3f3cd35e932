#!/usr/bin/env python3
"""The checks and figures of scripts/bench-upload.sh.

  bench-upload-report.py check API TOKEN GTIN LOT PACKS OWNER_GLN
      after an upload's job is DONE: the owner's stock holding of the batch (units still without serials) and
      VerifyPack over REST of the first and last serial, 200 drawn at random and one past the last (which must be
      UNKNOWN_SERIAL, so that the check can fail); waits up to 120 s for the gateway's copy to show the last serial
      (in Fabric mode the copy follows the peer). Prints one JSON line; exits 1 if a check fails.
  bench-upload-report.py chunks GATEWAY_LOG JOB_ID
      each chunk's time from the job's log lines (a chunk ends when its commit is logged, and the next begins):
      one JSON line of count, p50, p99 and max ms.
  bench-upload-report.py section RESULTS_TSV META_ENV HEADING
      the section of docs/benchmarks.md.
"""
import datetime
import json
import math
import random
import re
import sys
import time
import urllib.error
import urllib.request


def rank(sorted_values, percent):
    """Nearest rank, as the other benchmarks compute it."""
    if not sorted_values:
        return 0
    return sorted_values[max(0, math.ceil(percent / 100 * len(sorted_values)) - 1)]


def call(url, token=None, body=None):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as e:
        return json.loads(e.read() or b"{}")


def verdict(api, gtin, lot, serial):
    answer = call(api + "/verify", body={"gtin": gtin, "serial": serial, "lot": lot})
    found = answer.get("verdict")
    return found.get("verdict") if isinstance(found, dict) else found


def check(api, token, gtin, lot, packs, owner):
    packs = int(packs)
    serial = lambda n: f"{lot}-{n:07d}"
    deadline = time.time() + 120
    while verdict(api, gtin, lot, serial(packs)) != "ACTIVE" and time.time() < deadline:
        time.sleep(0.5)
    sample = sorted({1, packs} | {random.randint(1, packs) for _ in range(200)})
    active = sum(1 for n in sample if verdict(api, gtin, lot, serial(n)) == "ACTIVE")
    beyond = verdict(api, gtin, lot, serial(packs + 1))
    holding = call(f"{api}/batches/{gtin}/{lot}/holdings/{owner}", token)
    result = {"sampled": len(sample), "active": active, "past_the_last": beyond,
              "unserialised_after": holding.get("quantity")}
    print(json.dumps(result))
    if active != len(sample) or beyond != "UNKNOWN_SERIAL" or holding.get("quantity") != 0:
        print(f"bench: the check failed: {result}", file=sys.stderr)
        sys.exit(1)


LOG_TIME = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})")


def chunks(log, job):
    times = []
    for line in open(log, encoding="utf-8", errors="replace"):
        if f"serial upload {job}: " not in line:
            continue
        if " committed (" in line or " serials for " in line:
            stamp = LOG_TIME.match(line)
            if stamp:
                times.append(datetime.datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp())
    spans = sorted((b - a) * 1000 for a, b in zip(times, times[1:]))
    print(json.dumps({"count": len(spans), "p50_ms": round(rank(spans, 50)), "p99_ms": round(rank(spans, 99)),
                      "max_ms": round(spans[-1]) if spans else 0}))


def instant(text):
    """An ISO-8601 instant as Java prints it (Z, up to nine digits of fraction) in seconds since the epoch."""
    main, _, fraction = text.rstrip("Z").partition(".")
    seconds = datetime.datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return seconds.timestamp() + (float("0." + fraction) if fraction else 0)


def n(value):
    return f"{value:,.0f}"


def section(results_path, meta_path, heading):
    meta = dict(line.rstrip("\n").split("=", 1) for line in open(meta_path, encoding="utf-8") if "=" in line)
    rows = []
    for line in open(results_path, encoding="utf-8"):
        target, figures = line.rstrip("\n").split("\t", 1)
        rows.append((target, json.loads(figures)))
    packs, chunk = int(meta["packs"]), int(meta["chunk"])
    uploads = {target: r for target, r in rows if r["kind"] == "upload"}
    for r in uploads.values():
        r["total_s"] = instant(r["finished"]) - r["t0"]
        r["job_s"] = instant(r["finished"]) - instant(r["started"])
    ledger = {r["per_call"]: r for _, r in rows if r["kind"] == "ledger"}
    sdk = next((r for _, r in rows if r["kind"] == "sdk"), None)
    fabric = "fabric" in uploads
    out = []
    w = out.append
    w(f"## {heading}")
    w("")
    w("Measured by `scripts/bench-upload.sh` (`BenchmarkLedger` in gateway-api's test sources for the embedded"
      " baselines, `CommissionBaseline` in network-tests' for the Fabric one).")
    w("")
    w(f"**Method.** The upload API as a manufacturer's system uses it: the gateway (`quarkus-run.jar`,"
      f" `-Xmx{meta['xmx']}`, default collector) with the demo world, the demo manufacturer signed in by a token"
      f" `token.sh` issued, registers a batch of {n(packs)} units of the demo product over REST"
      " (`POST /api/v1/batches`), then sends its serials as **one CSV body** (`LOT-0000001`…, 14 characters, with"
      " the `serial` header) to `POST /api/v1/batches/{gtin}/{lot}/serial-uploads`. The *request* is timed by curl"
      " (sending the body, the gateway checking and spooling every serial, the contract's trial of the first chunk,"
      " the 202); *POST to DONE* runs from just before the request until the job's `finishedAt`; the *job* from its"
      " `startedAt` to `finishedAt`. The benchmark polls `GET /api/v1/serial-uploads/{id}` every second and prints"
      f" the progress. The job commissions {n(chunk)} serials per `CommissionPacks` call, one call after another;"
      " each chunk's time is the gap between the job's log lines for consecutive committed chunks (the first from"
      " the job's start), p50/p99 nearest-rank. Afterwards the job must say DONE with every serial commissioned,"
      " the manufacturer's stock holding of the batch (units without serials) must be 0, and VerifyPack over REST"
      " must find the first, the last and 200 random serials ACTIVE and the one past the last UNKNOWN_SERIAL. The"
      " gateway's CPU seconds are its process's over the upload (request to DONE); RSS is VmRSS sampled every 0.5 s"
      " during it, and VmHWM at its end. *Embedded*: a new data folder. The **baseline** is the same number of packs"
      " commissioned straight on the ledger, each on a new data folder with the demo world, the gateway not running:"
      f" `BenchmarkLedger` opens the folder as the gateway does and submits `CommissionPacks` as the same manufacturer,"
      f" {n(chunk)} per call (the job's chunk) and 10,000 per call (the contract's limit), in the same run, one"
      " before the upload and one after, each in a JVM of its own (`-Xmx512m`, as `bench-gateway.sh` runs it).")
    if fabric:
        w("*Fabric*: the network of `network.sh up` (as the section *Network: the ledger on Fabric 3.1.5* describes"
          " it), brought up by the benchmark; the manufacturer's gateway alone, in Fabric mode (`QUARKUS_PROFILE=fabric`, its own"
          " peer, User1 of ManufacturerMSP), started on a new data folder after the baseline (its copy then catches"
          f" up with the baseline's blocks before it is ready). The **baseline**, in the same run, just before: {n(packs)}"
          " packs of another batch of the same product commissioned straight through the Fabric Gateway SDK 1.10"
          f" as the same identity, through the same peer, {n(chunk)} per call one after another, every call timed"
          " until its commit status came back (as `network.sh bench`'s `NetworkBenchmark` does), in a JVM of its"
          " own (`-Xmx512m`).")
    w("")
    loads = f"load average {meta['loadavg_embedded_start']} before the embedded part, {meta['loadavg_embedded_end']} after"
    if fabric:
        loads += f"; {meta['loadavg_fabric_start']} before the Fabric part, {meta['loadavg_fabric_end']} after"
    w(f"**Machine.** {meta['cpus']} CPUs, {meta['ram_gib']} GiB RAM, {meta['java']}, {loads};"
      f" run {meta['date']}, {meta['minutes']} minutes in all (embedded part {meta['embedded_minutes']} min"
      + (f", Fabric part {meta['fabric_minutes']} min of which {meta['network_up_s']} s bringing the network up"
         if fabric else ", Fabric not measured") + "; the rest building"
      + (", and waiting for the network's lock" if fabric and meta.get("network_lock") == "yes" else "") + ").")
    w("")

    def upload_table(title, r):
        w(f"### {title}")
        w("")
        w("| figure | value |")
        w("|---|---|")
        w(f"| serials uploaded / commissioned | {n(r['packs'])} / {n(r['commissioned'])} |")
        w(f"| POST to DONE | {r['total_s']:.1f} s, **{n(r['packs'] / r['total_s'])} packs/s** |")
        w(f"| the request alone (receive, check and spool; first chunk's trial; 202) | {r['request_s']:.2f} s |")
        w(f"| the job alone (startedAt to finishedAt) | {r['job_s']:.1f} s, {n(r['packs'] / r['job_s'])} packs/s |")
        c = r["chunks"]
        w(f"| chunks of {n(r['chunk'])}: count, p50, p99, max | {c['count']}, {c['p50_ms']} ms, {c['p99_ms']} ms,"
          f" {c['max_ms']} ms |")
        w(f"| the gateway's CPU over the upload | {r['cpu_s']:.1f} s ({r['cpu_s'] / r['total_s']:.2f} CPUs) |")
        w(f"| the gateway's RSS: before the upload, peak during it, VmHWM | {r['rss_idle_kb'] // 1024} MB,"
          f" {r['rss_max_kb'] // 1024} MB, {r['rss_hwm_kb'] // 1024} MB |")
        k = r["check"]
        w(f"| checked afterwards | holding without serials {k['unserialised_after']}; {k['active']} of"
          f" {k['sampled']} sampled serials ACTIVE; the one past the last {k['past_the_last']} |")
        w("")

    def baseline_table(title, baselines):
        w(f"### {title}")
        w("")
        w("| run | calls | packs per second | total s | p50 ms per call | p99 ms per call |")
        w("|---|---|---|---|---|---|")
        for label, r in baselines:
            w(f"| {label} | {r['calls']} | {n(r['packs'] / r['seconds'])} | {r['seconds']:.1f} | {r['p50_ms']:.0f} |"
              f" {r['p99_ms']:.0f} |")
        w("")

    upload_table(f"Embedded: {n(packs)} serials through the upload API", uploads["embedded"])
    baseline_table("Embedded baseline: the same count straight on the ledger (`BenchmarkLedger`)",
                   [(f"`CommissionPacks`, {n(per_call)} per call", ledger[per_call]) for per_call in sorted(ledger)])
    if fabric:
        upload_table(f"Fabric: {n(packs)} serials through the manufacturer's gateway", uploads["fabric"])
        baseline_table("Fabric baseline: the same count straight through the Fabric Gateway SDK",
                       [(f"`CommissionPacks`, {n(sdk['per_call'])} per call", sdk)])

    w("### Against the baseline")
    w("")
    w("| figure | upload API | baseline | ratio |")
    w("|---|---|---|---|")

    def ratio(label, upload, base):
        w(f"| {label} | {n(upload)}/s | {n(base)}/s | {upload / base:.0%} |")

    def slower(label, upload_ms, base_ms):
        w(f"| {label} | {n(upload_ms)} ms | {n(base_ms)} ms | {upload_ms / base_ms:.0%} of the time |")

    e = uploads["embedded"]
    for per_call in sorted(ledger):
        b = ledger[per_call]
        ratio(f"embedded: packs/s, POST to DONE, vs straight on the ledger at {n(per_call)} per call",
              e["packs"] / e["total_s"], b["packs"] / b["seconds"])
    b = ledger[chunk]
    ratio(f"embedded: packs/s, the job alone, vs straight on the ledger at {n(chunk)} per call",
          e["packs"] / e["job_s"], b["packs"] / b["seconds"])
    slower(f"embedded: a chunk of {n(chunk)}, p50, vs a call of {n(chunk)} straight on the ledger, p50",
           e["chunks"]["p50_ms"], b["p50_ms"])
    if fabric:
        f = uploads["fabric"]
        ratio(f"Fabric: packs/s, POST to DONE, vs the SDK at {n(chunk)} per call", f["packs"] / f["total_s"],
              sdk["packs"] / sdk["seconds"])
        ratio(f"Fabric: packs/s, the job alone, vs the SDK at {n(chunk)} per call", f["packs"] / f["job_s"],
              sdk["packs"] / sdk["seconds"])
        slower(f"Fabric: a chunk of {n(chunk)}, p50, vs a call of {n(chunk)} through the SDK, p50",
               f["chunks"]["p50_ms"], sdk["p50_ms"])
    w("")
    w("**Reading the figures.** A job's chunk is more than the baseline's call: the job writes its file before and"
      " after each chunk (the chunk in flight, then the commit) and reads the chunk's serials from its spool, all on"
      " one worker thread, one chunk after another"
      + ("; on Fabric the gateway's submit also returns only once its local copy has applied the chunk's block"
         " (`FabricLedger.submit`: a read after a write sees it), which the SDK baseline does not wait for" if fabric
         else "")
      + ". POST to DONE adds the request (receiving and checking every serial before the job starts). What the"
      " rest of the embedded gap per chunk is made of (the gateway's smaller heap, its other threads) is not broken"
      " down here.")
    w("")
    w("**What this does not measure.** One upload at a time (the gateway runs jobs one after another anyway), of"
      " one batch, with nothing else using the gateway; a restart in the middle of a job (its resume is tested, not"
      " timed); JSON bodies (CSV only); the network's cost of the CSV over anything but localhost. The baselines run"
      " in other processes than the gateway (their JIT warms up in the same way, from cold), with twice its heap,"
      " and without its other work (it answers the polls" + ("; in Fabric mode its copy follows the peer" if fabric
                                                             else "") + "); on the embedded"
      " ledger each on its own new data folder"
      + (f", while on Fabric the baseline's {n(packs)} packs stay in the peers' state database when the upload"
         " runs after it (the order that favours the baseline)" if fabric else "")
      + ". Every process" + (", the network's eleven included," if fabric else "") + " shares the machine's"
      " CPUs, and other work on this machine may have run at the same time (see the load averages).")
    print("\n".join(out))


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    {"check": check, "chunks": chunks, "section": section}[command](*arguments)
