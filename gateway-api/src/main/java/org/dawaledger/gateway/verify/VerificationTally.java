package org.dawaledger.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.dawaledger.gateway.data.DataFiles;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * How many verifications this gateway answered, per UTC day and verdict, for the regulator's overview. A verification
 * is a read that never reaches the ledger, so no transaction records it: these are <strong>this gateway's</strong>
 * counts, not the network's (every organisation's gateway keeps its own, and anything verified elsewhere is not here).
 * Counted in memory, written to {@value #FILE} in the data folder every {@value #SAVE_SECONDS} s and at shutdown
 * (so a crash loses at most that much), read back at start; days older than {@value #KEEP_DAYS} are dropped.
 */
@ApplicationScoped
public class VerificationTally {
    /** The file in the data folder. */
    static final String FILE = "verification-tally.json";
    /** How many days, today included, are kept. */
    static final int KEEP_DAYS = 90;
    static final int SAVE_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(VerificationTally.class);

    private final Path file;
    private final Clock clock;
    private final ConcurrentMap<LocalDate, ConcurrentMap<String, LongAdder>> days = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();
    private ScheduledExecutorService saver;

    @Inject
    VerificationTally(final GatewayConfig config) {
        this(config.dataDir().resolve(FILE), Clock.systemUTC());
    }

    /**
     * A tally kept in a file, loaded from it if it exists.
     *
     * @throws UncheckedIOException if the file exists and cannot be read
     * @throws IllegalStateException if the file is not a tally
     */
    VerificationTally(final Path file, final Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    void start(@Observes final StartupEvent event) {
        saver = Executors.newSingleThreadScheduledExecutor(task -> {
            final Thread thread = new Thread(task, "dawaledger-verification-tally");
            thread.setDaemon(true);
            return thread;
        });
        saver.scheduleWithFixedDelay(() -> {
            try {
                save();
            } catch (UncheckedIOException e) {
                // A full disk must not stop the counting: the next save tries again.
                LOG.warnf("verification tally not saved: %s", e.getMessage());
            }
        }, SAVE_SECONDS, SAVE_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes final ShutdownEvent event) throws InterruptedException {
        if (saver != null) {
            saver.shutdown();
            saver.awaitTermination(10, TimeUnit.SECONDS);
        }
        save();
    }

    /** Counts one answered verification, today (UTC), under its verdict. */
    public void count(final String verdict) {
        final LocalDate today = today();
        if (!days.containsKey(today)) {
            // A new day: the oldest one leaves the window (outside computeIfAbsent, which must not change the map).
            prune(today);
        }
        days.computeIfAbsent(today, day -> new ConcurrentHashMap<>())
                .computeIfAbsent(verdict, code -> new LongAdder()).increment();
        changed.set(true);
    }

    /**
     * The counts of the last {@code n} days, today (UTC) last, each day present (empty when nothing was verified).
     *
     * @throws IllegalArgumentException if {@code n} is not 1 to {@value #KEEP_DAYS}
     */
    public SortedMap<LocalDate, Map<String, Long>> lastDays(final int n) {
        if (n < 1 || n > KEEP_DAYS) {
            throw new IllegalArgumentException("n is " + n + "; it must be 1 to " + KEEP_DAYS);
        }
        final LocalDate today = today();
        final SortedMap<LocalDate, Map<String, Long>> counts = new TreeMap<>();
        for (LocalDate day = today.minusDays(n - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            final Map<String, Long> verdicts = new TreeMap<>();
            days.getOrDefault(day, new ConcurrentHashMap<>()).forEach((code, adder) -> verdicts.put(code, adder.sum()));
            counts.put(day, verdicts);
        }
        return counts;
    }

    /**
     * Writes the counts to the file, whole, if they changed since the last save.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    void save() {
        if (!changed.getAndSet(false)) {
            return;
        }
        prune(today());
        final ObjectNode root = JSON.createObjectNode();
        final ObjectNode byDay = root.putObject("days");
        new TreeMap<>(days).forEach((day, verdicts) -> {
            final ObjectNode counts = byDay.putObject(day.toString());
            new TreeMap<>(verdicts).forEach((code, adder) -> counts.put(code, adder.sum()));
        });
        final String content;
        try {
            content = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("counts are always JSON", e);
        }
        try {
            DataFiles.replace(file, content);
        } catch (UncheckedIOException e) {
            // Kept for the next try.
            changed.set(true);
            throw e;
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            final JsonNode root = JSON.readTree(file.toFile());
            final Iterator<Map.Entry<String, JsonNode>> entries = root.path("days").fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> day = entries.next();
                final ConcurrentMap<String, LongAdder> verdicts = new ConcurrentHashMap<>();
                final Map<String, Long> read = JSON.convertValue(day.getValue(),
                        JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Long.class));
                read.forEach((code, count) -> verdicts.computeIfAbsent(code, c -> new LongAdder()).add(count));
                days.put(LocalDate.parse(day.getKey()), verdicts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a verification tally: " + e.getMessage(), e);
        }
        prune(today());
    }

    /** Drops the days before the kept window that ends on {@code today}. */
    private void prune(final LocalDate today) {
        final LocalDate first = today.minusDays(KEEP_DAYS - 1L);
        days.keySet().removeIf(day -> day.isBefore(first));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
