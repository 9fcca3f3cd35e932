package org.dawaledger.network;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The real network of network-config/, for the tests that need it. Before the first of them it finds Fabric
 * ({@code network.sh install}); where there is none, each of them is skipped, saying why and how to provide it. It
 * reuses a network that is up, resumes a stopped one, or brings one up, and leaves it at the end as it found it.
 * Without Fabric, the classes' {@code @BeforeAll} and {@code @AfterAll} methods do not run either: they set up what
 * only a network has.
 */
public final class FabricNetwork implements ExecutionCondition, BeforeAllCallback, InvocationInterceptor {
    private static final Path SCRIPT = Path.of(System.getProperty("network.script",
            "../network-config/network.sh")).toAbsolutePath().normalize();

    /**
     * Without Fabric the class is disabled, with the reason: its constructor and {@code @BeforeAll} connect to the
     * network, so they must not run at all.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
        final Installation installation = installation(context);
        if (installation.skipReason() == null) {
            return ConditionEvaluationResult.enabled("Fabric 3.1.5 is installed");
        }
        return ConditionEvaluationResult.disabled(installation.skipReason());
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        if (installation(context).skipReason() == null) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Session.class, key -> Session.open(), Session.class);
        }
    }

    @Override
    public void interceptBeforeAllMethod(final Invocation<Void> invocation,
            final ReflectiveInvocationContext<Method> method, final ExtensionContext context) throws Throwable {
        proceedWithFabric(invocation, context);
    }

    @Override
    public void interceptAfterAllMethod(final Invocation<Void> invocation,
            final ReflectiveInvocationContext<Method> method, final ExtensionContext context) throws Throwable {
        proceedWithFabric(invocation, context);
    }

    private static void proceedWithFabric(final Invocation<Void> invocation, final ExtensionContext context)
            throws Throwable {
        if (installation(context).skipReason() == null) {
            invocation.proceed();
        } else {
            invocation.skip();
        }
    }

    private static Installation installation(final ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Installation.class, key -> Installation.find(), Installation.class);
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

    /** Whether Fabric is on this machine, found once per test run; without it, why the tests are skipped. */
    private record Installation(String skipReason) {
        static Installation find() {
            final Result install = execute(Duration.ofMinutes(10), "install");
            if (install.exit == 0) {
                return new Installation(null);
            }
            final String reason = "SKIPPED: the Fabric network tests need Fabric 3.1.5, which is not on this machine. "
                    + install.output.strip();
            System.err.println(reason);
            return new Installation(reason);
        }
    }

    /** One test run's use of the network: found or brought up once, and left at the end as it was found. */
    private static final class Session implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        /** What to run at the end: nothing for a network found running. */
        private final String undo;

        private Session(final String undo) {
            this.undo = undo;
        }

        static Session open() {
            if (execute(Duration.ofMinutes(1), "status").exit == 0) {
                return new Session(null);
            }
            if (Files.exists(SCRIPT.getParent().resolve("build/ready"))) {
                // A stopped network holds someone's ledger: up resumes it, and it is stopped again at the end.
                run(Duration.ofMinutes(5), "up");
                return new Session("stop");
            }
            // Half a network (an up that failed) is not worth keeping: start from nothing.
            execute(Duration.ofMinutes(1), "down");
            run(Duration.ofMinutes(5), "up");
            return new Session("down");
        }

        @Override
        public void close() {
            if (undo != null) {
                run(Duration.ofMinutes(1), undo);
            }
        }
    }
}
