package org.dawaledger.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real network of network-config/, for the tests that need it. Before the first of them it finds Fabric
 * ({@code network.sh install}); where there is none, they are skipped, saying why and how to provide it. It reuses a
 * network that is up, or brings one up and takes it down again after the last test, leaving things as it found them.
 */
public final class FabricNetwork implements BeforeAllCallback {
    private static final Path SCRIPT = Path.of(System.getProperty("network.script",
            "../network-config/network.sh")).toAbsolutePath().normalize();

    @Override
    public void beforeAll(final ExtensionContext context) {
        final Session session = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Session.class, key -> Session.open(), Session.class);
        Assumptions.assumeTrue(session.skipReason == null, () -> session.skipReason);
    }

    /** The generated crypto material of the running network. */
    public static Path organizations() {
        return SCRIPT.getParent().resolve("build/organizations");
    }

    /**
     * Runs a network.sh command to its end.
     *
     * @return its output
     * @throws IllegalStateException if it fails
     */
    public static String run(final Duration timeout, final String... arguments) {
        final Result result = execute(timeout, arguments);
        if (result.exit != 0) {
            throw new IllegalStateException("network.sh " + String.join(" ", arguments) + " failed (" + result.exit
                    + "):\n" + result.output);
        }
        return result.output;
    }

    private record Result(int exit, String output) {
    }

    private static Result execute(final Duration timeout, final String... arguments) {
        final List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        try {
            final Path output = Files.createTempFile("network-", ".log");
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("network.sh " + String.join(" ", arguments) + " took longer than "
                        + timeout);
            }
            final String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + SCRIPT, e);
        }
    }

    /** One test run's use of the network: found or brought up once, taken down at the end if this run started it. */
    private static final class Session implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final String skipReason;
        private final boolean startedHere;

        private Session(final String skipReason, final boolean startedHere) {
            this.skipReason = skipReason;
            this.startedHere = startedHere;
        }

        static Session open() {
            final Result install = execute(Duration.ofMinutes(10), "install");
            if (install.exit != 0) {
                final String reason = "SKIPPED: the Fabric network tests need Fabric 3.1.5, which is not on this"
                        + " machine. " + install.output.strip();
                System.err.println(reason);
                return new Session(reason, false);
            }
            if (execute(Duration.ofMinutes(1), "status").exit == 0) {
                return new Session(null, false);
            }
            // A network that is partly up or stale is not this run's to judge: start from nothing.
            execute(Duration.ofMinutes(1), "down");
            run(Duration.ofMinutes(5), "up");
            return new Session(null, true);
        }

        @Override
        public void close() {
            if (startedHere) {
                run(Duration.ofMinutes(1), "down");
            }
        }
    }
}
