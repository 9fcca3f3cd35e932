package org.dawaledger.network.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.dawaledger.network.LedgerClient;
import org.dawaledger.network.Organisation;
import org.dawaledger.network.bench.Measurement.Rate;

/**
 * The baseline of the serial upload's benchmark on the network (scripts/bench-upload.sh): the same number of packs
 * commissioned straight through the Fabric Gateway SDK as the manufacturer's User1, as {@link NetworkBenchmark} does,
 * in calls of the upload's chunk size one after another, into a new batch of a product the manufacturer has (the demo
 * world's). Prints its progress on stderr and, last on stdout, one JSON line of figures.
 *
 * <p>Arguments: {@code --gtin GTIN [--packs 1000000] [--per-call 5000]}.
 */
public final class CommissionBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPIRY = "301231";
    private static final int PROGRESS_EVERY = 100_000;

    private CommissionBaseline() {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = BenchArguments.options(args,
                "CommissionBaseline --gtin GTIN [--packs N] [--per-call N]", "--gtin");
        final String gtin = options.get("--gtin");
        final int packs = Integer.parseInt(options.getOrDefault("--packs", "1000000"));
        final int perCall = Integer.parseInt(options.getOrDefault("--per-call", "5000"));
        final String lot = "BASE" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        final int calls = (packs + perCall - 1) / perCall;
        try (LedgerClient manufacturer = LedgerClient.as(Organisation.MANUFACTURER, "User1")) {
            manufacturer.submit("RegisterBatch", gtin, lot, EXPIRY, Integer.toString(packs));
            System.err.printf(Locale.ROOT, "bench: commissioning %,d packs of %s/%s, %,d per call%n", packs, gtin,
                    lot, perCall);
            final long start = System.nanoTime();
            final Rate rate = Measurement.measure(1, calls, i -> {
                final int from = i * perCall + 1;
                final int to = Math.min(packs, (i + 1) * perCall);
                final int bytes = manufacturer.submit("CommissionPacks", gtin, lot, JSON.writeValueAsString(
                        IntStream.rangeClosed(from, to).mapToObj(n -> BenchArguments.serial(lot, n)).toList()))
                        .transactionBytes();
                if (to / PROGRESS_EVERY > (from - 1) / PROGRESS_EVERY || to == packs) {
                    final double seconds = (System.nanoTime() - start) / 1e9;
                    System.err.printf(Locale.ROOT, "bench:   %,d of %,d packs commissioned, %.0f s, %,.0f/s%n", to,
                            packs, seconds, to / seconds);
                }
                return bytes;
            }, perCall);
            final long unserialised = JSON.readTree(manufacturer.evaluate("GetStockHolding", gtin, lot,
                    JSON.readTree(manufacturer.evaluate("WhoAmI")).path("participant").path("gln").asText()))
                    .path("quantity").asLong();
            System.out.printf(Locale.ROOT, "{\"lot\": \"%s\", \"packs\": %d, \"per_call\": %d, \"calls\": %d,"
                    + " \"seconds\": %.1f, \"per_second\": %.1f, \"p50_ms\": %.1f, \"p99_ms\": %.1f,"
                    + " \"largest_transaction_bytes\": %d, \"unserialised_after\": %d}%n", lot, packs, perCall,
                    rate.calls(), rate.seconds(), rate.perSecond(), rate.p50Ms(), rate.p99Ms(), rate.maxBytes(),
                    unserialised);
        }
        System.exit(0);
    }
}
