package org.dawaledger.ledger;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.store.RocksStore;

/**
 * The process {@link CrashRecoveryTest} kills: an embedded ledger on RocksDB that commits transactions from several
 * threads until it is killed, printing {@code ack <transaction id> <keys>} once each is acknowledged as committed.
 */
public final class CrashingWriter {
    static final int THREADS = 8;
    static final int KEYS_PER_TRANSACTION = 3;
    static final String MSP_ID = "PharmacyMSP";

    private CrashingWriter() {
    }

    /** Arguments: the store's folder, the CA's folder, and a name for this run that its keys start with. */
    public static void main(final String[] args) throws Exception {
        final Path storeFolder = Path.of(args[0]);
        final LocalCa ca = LocalCa.open(Path.of(args[1]), MSP_ID);
        final String run = args[2];
        final Caller pharmacist = ca.member("till1", LocalCa.Role.CLIENT);
        // 100 kB a value, so that a block is megabytes and the store's writes take much of the process's time: a kill
        // at a random moment often lands in the middle of one.
        final String value = run + "-" + "x".repeat(100_000);
        final PrintStream out = System.out;
        out.println("ready");
        out.flush();

        final EmbeddedLedger ledger = EmbeddedLedger.builder(RocksStore.open(storeFolder), new KeyValueChaincode())
                .member(MSP_ID, ca.certificate()).batchTimeout(Duration.ofMillis(2)).open();
        final List<Thread> writers = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            final int writer = thread;
            writers.add(new Thread(() -> {
                for (long n = 0; ; n++) {
                    final String[] arguments = new String[1 + KEYS_PER_TRANSACTION];
                    arguments[0] = value;
                    final StringBuilder keys = new StringBuilder();
                    for (int k = 0; k < KEYS_PER_TRANSACTION; k++) {
                        arguments[1 + k] = run + "/" + writer + "/" + n + "/" + k;
                        keys.append(k == 0 ? "" : ",").append(arguments[1 + k]);
                    }
                    final Submitted submitted = ledger.submit(pharmacist, "putEach", arguments);
                    if (submitted.isValid()) {
                        synchronized (out) {
                            out.println("ack " + submitted.transactionId() + " " + keys);
                            out.flush();
                        }
                    }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (final Thread writer : writers) {
            writer.join();
        }
    }
}
