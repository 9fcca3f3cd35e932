package org.dawaledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dawaledger.ledger.simulation.StateView;
import org.dawaledger.ledger.simulation.Version;
import org.dawaledger.ledger.state.BlockStore;
import org.dawaledger.ledger.state.WorldState;
import org.dawaledger.ledger.store.RocksStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process committing to an embedded ledger on RocksDB ({@link CrashingWriter}) with SIGKILL at random
 * moments, again and again on the same store, and after each kill opens the store and checks it: every acknowledged
 * transaction is there, the blocks chain, and the state and history are exactly what the blocks lead to.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 20;

    @TempDir
    Path folder;

    /** What one killed process acknowledged. */
    private record Acknowledged(String transactionId, List<String> keys) {
    }

    @Test
    void afterEveryKillTheStoreHoldsEveryAcknowledgedTransactionAndNoPartOfAnyOther() throws Exception {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path store = folder.resolve("store");
        final List<Acknowledged> acknowledged = new ArrayList<>();
        long blocksBefore = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // Round 0 kills the process as it opens the store; the others after 1 to 100 acknowledgements.
            final int acknowledgementsBeforeKill = round == 0 ? 0 : 1 + random.nextInt(100);
            final int extraMillis = random.nextInt(30);
            final List<Acknowledged> run = runAndKill(store, "run" + round, acknowledgementsBeforeKill, extraMillis);
            acknowledged.addAll(run);

            try (RocksStore reopened = RocksStore.open(store)) {
                final long height = new BlockStore(reopened).height();
                final String context = "seed " + seed + ", round " + round;
                assertThat(height).as(context).isGreaterThanOrEqualTo(blocksBefore);
                assertTheStoreIsWhatItsBlocksLeadTo(reopened, acknowledged, context);
                System.out.printf("crash round %d: killed %d ms after acknowledgement %d; height %d, was %d;"
                        + " every one of %d acknowledged transactions there%n", round, extraMillis, run.size(),
                        height, blocksBefore, acknowledged.size());
                blocksBefore = height;
            }
        }
        assertThat(acknowledged).as("acknowledged over %d rounds", ROUNDS).hasSizeGreaterThan(ROUNDS);
    }

    private List<Acknowledged> runAndKill(final Path store, final String run, final int acknowledgementsBeforeKill,
            final int extraMillis) throws Exception {
        final Path errors = folder.resolve(run + ".err");
        final Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
                store.toString(), folder.resolve("ca").toString(), run).redirectError(errors.toFile()).start();
        final List<Acknowledged> seen = new ArrayList<>();
        final CountDownLatch enough = new CountDownLatch(1);
        final AtomicInteger count = new AtomicInteger();
        final Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("ack ")) {
                        final String[] parts = line.split(" ");
                        synchronized (seen) {
                            seen.add(new Acknowledged(parts[1], List.of(parts[2].split(","))));
                        }
                        if (count.incrementAndGet() >= acknowledgementsBeforeKill) {
                            enough.countDown();
                        }
                    } else if (line.equals("ready") && acknowledgementsBeforeKill == 0) {
                        enough.countDown();
                    }
                }
            } catch (IOException e) {
                // the pipe breaks when the process is killed
            }
        });
        reader.start();
        final boolean reached = enough.await(2, TimeUnit.MINUTES);
        Thread.sleep(extraMillis);
        writer.destroyForcibly();
        writer.waitFor();
        reader.join();
        assertThat(reached).as("%s acknowledged %d of %d; its errors: %s", run, count.get(),
                acknowledgementsBeforeKill, Files.readString(errors)).isTrue();
        // A process that died before the kill would make this test prove nothing.
        assertThat(writer.exitValue()).as("%s killed, not ended: %s", run, Files.readString(errors))
                .isEqualTo(137);
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private static void assertTheStoreIsWhatItsBlocksLeadTo(final RocksStore store,
            final List<Acknowledged> acknowledged, final String context) {
        final BlockStore blocks = new BlockStore(store);
        final long height = blocks.height();
        final Map<String, StateView.Versioned> replayed = new HashMap<>();
        final Map<String, CommittedTransaction> committed = new HashMap<>();
        byte[] previousHash = BlockStore.NO_HASH;
        for (long number = 0; number < height; number++) {
            final Optional<CommittedBlock> stored = blocks.block(number);
            assertThat(stored).as("%s: block %d of %d", context, number, height).isPresent();
            final CommittedBlock block = stored.get();
            assertThat(block.previousHash()).as("%s: block %d's previous hash", context, number)
                    .isEqualTo(previousHash);
            assertThat(block.hash()).as("%s: block %d's hash", context, number)
                    .isEqualTo(BlockStore.hash(number, previousHash, block.transactions()));
            previousHash = block.hash();
            for (int position = 0; position < block.transactions().size(); position++) {
                final CommittedTransaction transaction = block.transactions().get(position);
                committed.put(transaction.id(), transaction);
                if (!transaction.isValid()) {
                    continue;
                }
                final Version version = new Version(number, position);
                transaction.writes().forEach((key, value) -> {
                    if (value.length == 0) {
                        replayed.remove(key);
                    } else {
                        replayed.put(key, new StateView.Versioned(value, version));
                    }
                });
            }
        }
        assertThat(blocks.block(height)).as("%s: a block beyond the height", context).isEmpty();

        final WorldState state = new WorldState(store);
        final Map<String, StateView.Versioned> stored = new HashMap<>();
        try (StateView.Rows rows = state.scan("", "")) {
            while (rows.hasNext()) {
                final StateView.Row row = rows.next();
                stored.put(row.key(), new StateView.Versioned(row.value(), row.version()));
            }
        }
        assertThat(stored.keySet()).as("%s: the state's keys", context).isEqualTo(replayed.keySet());
        replayed.forEach((key, expected) -> {
            final StateView.Versioned actual = stored.get(key);
            assertThat(actual.version()).as("%s: %s's version", context, key).isEqualTo(expected.version());
            assertThat(Arrays.equals(actual.value(), expected.value())).as("%s: %s's value", context, key).isTrue();
        });

        for (final Acknowledged ack : acknowledged) {
            final CommittedTransaction transaction = committed.get(ack.transactionId());
            assertThat(transaction).as("%s: acknowledged %s", context, ack.transactionId()).isNotNull();
            assertThat(transaction.isValid()).isTrue();
            assertThat(transaction.writes().keySet()).containsExactlyInAnyOrderElementsOf(ack.keys());
            for (final String key : ack.keys()) {
                assertThat(state.history(key)).as("%s: %s's history", context, key)
                        .extracting(StateView.Modification::getTxId).containsExactly(ack.transactionId());
            }
        }
    }
}
