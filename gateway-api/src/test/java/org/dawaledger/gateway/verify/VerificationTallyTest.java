package org.dawaledger.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationTallyTest {
    @TempDir
    Path data;

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(final String instant) {
            now = Instant.parse(instant);
        }

        void advance(final Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private VerificationTally tally(final Clock clock) {
        return new VerificationTally(data.resolve(VerificationTally.FILE), clock);
    }

    @Test
    void eachVerdictIsCountedOnItsUtcDayAndEveryDayOfTheWindowIsPresent() throws Exception {
        final TestClock clock = new TestClock("2026-12-02T23:59:00Z");
        final VerificationTally tally = tally(clock);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 1000; i++) {
            pool.execute(() -> tally.count("ACTIVE"));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        tally.count("RECALLED");

        final var days = tally.lastDays(14);

        assertThat(days).hasSize(14);
        assertThat(days.firstKey()).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(days.lastKey()).isEqualTo(LocalDate.parse("2026-12-02"));
        assertThat(days.get(LocalDate.parse("2026-12-02"))).isEqualTo(Map.of("ACTIVE", 1000L, "RECALLED", 1L));
        assertThat(days.get(LocalDate.parse("2026-12-01"))).isEmpty();
    }

    @Test
    void theCountsSurviveARestartThroughTheFileInTheDataFolder() throws Exception {
        final TestClock clock = new TestClock("2026-12-02T10:00:00Z");
        final VerificationTally first = tally(clock);
        first.count("ACTIVE");
        first.count("ACTIVE");
        first.count("UNKNOWN_SERIAL");
        first.save();

        final VerificationTally restarted = tally(clock);
        restarted.count("ACTIVE");

        assertThat(restarted.lastDays(1).get(LocalDate.parse("2026-12-02")))
                .isEqualTo(Map.of("ACTIVE", 3L, "UNKNOWN_SERIAL", 1L));
        assertThat(Files.readString(data.resolve(VerificationTally.FILE)))
                .contains("\"2026-12-02\"", "\"ACTIVE\" : 2", "\"UNKNOWN_SERIAL\" : 1");
    }

    @Test
    void anotherDayStartsAtUtcMidnightAndDaysPastTheWindowAreDropped() {
        final TestClock clock = new TestClock("2026-12-02T23:59:59Z");
        final VerificationTally tally = tally(clock);
        tally.count("ACTIVE");
        clock.advance(Duration.ofSeconds(1));
        tally.count("RECALLED");

        assertThat(tally.lastDays(2)).containsExactly(
                Map.entry(LocalDate.parse("2026-12-02"), Map.of("ACTIVE", 1L)),
                Map.entry(LocalDate.parse("2026-12-03"), Map.of("RECALLED", 1L)));

        clock.advance(Duration.ofDays(VerificationTally.KEEP_DAYS - 1L));
        tally.count("ACTIVE");
        tally.save();
        assertThat(tally.lastDays(VerificationTally.KEEP_DAYS).firstKey()).isEqualTo(LocalDate.parse("2026-12-03"));
        assertThat(tally(clock).lastDays(VerificationTally.KEEP_DAYS).values().stream()
                .mapToLong(day -> day.values().stream().mapToLong(Long::longValue).sum()).sum())
                .as("the first day is gone from the file too").isEqualTo(2);
    }

    @Test
    void aFileThatIsNoTallyIsRefusedAtStartRatherThanOverwritten() throws Exception {
        Files.writeString(data.resolve(VerificationTally.FILE), "{\"days\":{\"yesterday\":{\"ACTIVE\":1}}}");

        assertThatThrownBy(() -> tally(Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a verification tally");
    }

    @Test
    void aWindowLongerThanWhatIsKeptIsRefused() {
        assertThatThrownBy(() -> tally(Clock.systemUTC()).lastDays(VerificationTally.KEEP_DAYS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 90");
    }
}
