/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dawaledger.scanner.gateway.AnswerPrinter;
import org.dawaledger.scanner.gateway.GatewayException;
import org.dawaledger.scanner.gateway.GatewayOptions;
import org.dawaledger.scanner.queue.QueuedScan;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What the commands that talk to the gateway share: its options, the output format, their exit codes. */
abstract class OnlineCommand implements Callable<Integer> {
    static final String EXIT_ERROR = ExitCodes.ERROR + ":a scan could not be read, or the gateway refused the call";
    static final String EXIT_USAGE = ExitCodes.USAGE + ":wrong usage";
    static final String EXIT_SUSPECT = ExitCodes.SUSPECT + ":at least one suspect or non-sellable answer";
    static final String EXIT_QUEUED = ExitCodes.QUEUED + ":the gateway could not be reached; scans were queued";

    @Spec
    CommandSpec spec;

    @ParentCommand
    DawaScan scanner;

    @Mixin
    GatewayOptions gateway;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people), json (one object per scan) or csv. Default: ${DEFAULT-VALUE}.")
    AnswerPrinter.Format output;

    AnswerPrinter printer() {
        final Ansi ansi = Colours.ansi(System.getenv());
        // `verify < scans.txt` on a terminal: coloured, though stdin is redirected
        return new AnswerPrinter(spec.commandLine().getOut(), output,
                ansi == Ansi.AUTO && Progress.standardOutputIsTerminal() ? Ansi.ON : ansi);
    }

    static List<QueuedScan.Entry> entries(final List<Scan> scans) {
        return scans.stream().map(scan -> new QueuedScan.Entry(scan.source(), scan.code())).toList();
    }

    /** A call the gateway refused whole (a bad token…), or a TLS failure: said once on standard error; nothing is queued. */
    int refused(final GatewayException e) {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("dawa-scan: the call failed: " + e.getMessage());
        err.flush();
        return ExitCodes.ERROR;
    }
}
