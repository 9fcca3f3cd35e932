/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dawa-scan}: the scanner of pharmacists and inspectors. Barcodes in, verdicts out.
 */
@Command(name = "dawa-scan", mixinStandardHelpOptions = true, versionProvider = DawaScan.Version.class,
        description = "Reads medicine packs' GS1 barcodes and checks them against DawaLedger.",
        subcommands = {DecodeCommand.class, VerifyCommand.class, DispenseCommand.class, WatchCommand.class,
            SyncCommand.class, LabelCommand.class, AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":every scan done; for verify and dispense, every pack ACTIVE",
            ExitCodes.ERROR + ":an error: a scan that could not be read, a refused call, a failure",
            ExitCodes.USAGE + ":wrong usage: an unknown option or a missing argument",
            ExitCodes.SUSPECT + ":at least one suspect or non-sellable verdict",
            ExitCodes.QUEUED + ":the gateway could not be reached; the scans were queued for `dawa-scan sync`"})
public final class DawaScan implements Runnable {
    private final InputStream stdin;
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    /**
     * A scanner reading its standard input from {@code stdin} and the date from {@code clock}.
     * @param stdin where scans come from when none are given as arguments.
     * @param clock today's date, which decides the century of two-digit expiry years.
     * @throws NullPointerException if an argument is null.
     */
    public DawaScan(final InputStream stdin, final Clock clock) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs the scanner and exits with its exit code.
     * @param args the command line.
     */
    public static void main(final String[] args) {
        System.exit(commandLine(new DawaScan(System.in, Clock.systemDefaultZone())).execute(args));
    }

    /**
     * The command line of a scanner, with its writers and exit codes set up.
     * @param scanner the scanner.
     * @return the command line, ready to {@link CommandLine#execute(String...)}.
     */
    public static CommandLine commandLine(final DawaScan scanner) {
        final CommandLine commandLine = new CommandLine(scanner);
        commandLine.setColorScheme(Colours.scheme(commandLine.getColorScheme()));
        // A missing file or an unreadable image is the user's to fix: its message, not a stack trace
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof InputException) {
                failed.getErr().println(failed.getColorScheme().errorText("dawa-scan: " + exception.getMessage()));
                failed.getErr().flush();
                return ExitCodes.ERROR;
            }
            throw exception;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: say what to do, e.g. "
                + "`dawa-scan decode <code>` (`dawa-scan help` lists the commands)");
    }

    InputStream stdin() {
        return stdin;
    }

    /** This year by the scanner's clock: it decides the century of two-digit expiry years (GS1's window). */
    int year() {
        return clock.instant().atZone(clock.getZone()).getYear();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = DawaScan.class.getPackage().getImplementationVersion();
            return new String[] {"dawa-scan " + (version == null ? "(development build)" : version)};
        }
    }
}
