package org.dawaledger.network.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.network.LedgerClient;
import org.dawaledger.network.Organisation;
import org.dawaledger.network.bench.Measurement.Rate;

/**
 * The naive way to verify, as the gateway's benchmark (scripts/bench-gateway.sh) sets it beside the gateway: every
 * verification a VerifyPack evaluated on the pharmacy's own peer through the Fabric Gateway SDK, as the pharmacy's
 * User1, by a number of callers at once for a fixed time, on random packs of a batch it commissions first on the
 * running network. Every answer must find its pack ACTIVE. A warm-up of the same load runs first and is not counted.
 * Prints one JSON line, in the shape of the gateway benchmark's other clients.
 *
 * <p>Arguments: {@code [--callers 32] [--seconds 20] [--warmup 5] [--packs 100000]}.
 */
public final class PeerVerifyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPIRY = "301231";
    private static final int CHUNK = 10_000;

    private PeerVerifyBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = BenchArguments.options(args,
                "PeerVerifyBenchmark [--callers N] [--seconds S] [--warmup S] [--packs N]");
        final int callers = Integer.parseInt(options.getOrDefault("--callers", "32"));
        final int packs = Integer.parseInt(options.getOrDefault("--packs", "100000"));
        final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));
        final String stem = "08960001" + run;
        final String gtin = stem + Gtin.checkDigit(stem);
        final String lot = "V" + run;
        try (LedgerClient regulator = LedgerClient.as(Organisation.REGULATOR, "Admin");
                LedgerClient manufacturer = LedgerClient.as(Organisation.MANUFACTURER, "User1");
                LedgerClient pharmacy = LedgerClient.as(Organisation.PHARMACY, "User1")) {
            System.err.printf(Locale.ROOT, "bench: commissioning %,d packs of %s on the network%n", packs, lot);
            manufacturer.submit("RegisterProduct", gtin, "Bench V" + run, "500 mg", "tablet", "REG-V" + run, "");
            manufacturer.awaitBlock(regulator.submit("ApproveProduct", gtin, "benchmark").blockNumber());
            manufacturer.submit("RegisterBatch", gtin, lot, EXPIRY, Integer.toString(packs));
            long last = 0;
            for (int from = 1; from <= packs; from += CHUNK) {
                final int to = Math.min(packs, from + CHUNK - 1);
                last = manufacturer.submit("CommissionPacks", gtin, lot, JSON.writeValueAsString(
                        IntStream.rangeClosed(from, to).mapToObj(n -> BenchArguments.serial(lot, n)).toList()))
                        .blockNumber();
            }
            pharmacy.awaitBlock(last);

            final Measurement.Call verify = i -> {
                final String answer = pharmacy.evaluate("VerifyPack", gtin,
                        BenchArguments.serial(lot, 1 + ThreadLocalRandom.current().nextInt(packs)), lot, EXPIRY);
                if (!JSON.readTree(answer).path("verdict").asText().equals("ACTIVE")) {
                    throw new IllegalStateException("VerifyPack answered " + answer);
                }
                return 0;
            };
            Measurement.measureFor(callers, Duration.ofSeconds(Long.parseLong(options.getOrDefault("--warmup",
                    "5"))), verify);
            final Rate rate = Measurement.measureFor(callers, Duration.ofSeconds(Long.parseLong(
                    options.getOrDefault("--seconds", "20"))), verify);
            System.out.printf(Locale.ROOT, "{\"client\": \"fabric-gateway\", \"mode\": \"peer-evaluate\","
                    + " \"requests\": %d, \"seconds\": %.1f, \"rps\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f,"
                    + " \"errors\": 0}%n", rate.calls(), rate.seconds(), rate.perSecond(), rate.p50Ms(),
                    rate.p99Ms());
        }
        System.exit(0);
    }
}
