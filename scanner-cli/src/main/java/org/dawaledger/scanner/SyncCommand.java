/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.PrintWriter;
import java.util.List;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.scanner.gateway.Answer;
import org.dawaledger.scanner.gateway.AnswerPrinter;
import org.dawaledger.scanner.gateway.Gateway;
import org.dawaledger.scanner.gateway.GatewayException;
import org.dawaledger.scanner.queue.QueuedScan;
import org.dawaledger.scanner.queue.ScanQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dawa-scan sync}: sends the queued scans, oldest first, and reports what the ledger answered to each. A scan
 * leaves the queue only once its answer is in; a dispense is sent with the idempotency key it was queued with, so a
 * retry after a lost answer (or a kill mid-sync) hears the first outcome instead of dispensing twice.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sends the scans queued while the gateway could not be reached, and prints the ledger's "
                + "answer to each (a pack dispensed meanwhile answers ALREADY_SUPPLIED).",
            "Stops at the first scan the gateway cannot take yet (unreachable, a refused token): it and the rest "
                    + "stay queued."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK + ":the queue is empty; every answer ACTIVE or dispensed",
            ExitCodes.ERROR + ":the gateway refused the call, or a queued scan could not be judged",
            OnlineCommand.EXIT_USAGE, OnlineCommand.EXIT_SUSPECT,
            ExitCodes.QUEUED + ":the gateway could not be reached; scans are still queued"})
final class SyncCommand extends OnlineCommand {
    // For crash tests: a sync that stops for good between sending scan N+1 and recording its answer, where a kill
    // leaves the scan sent but still queued, so that a test can kill it there and not merely somewhere.
    @Option(names = "--hold-after", hidden = true, defaultValue = "-1")
    private int holdAfter;

    @Override
    public Integer call() {
        final AnswerPrinter printer = printer();
        final PrintWriter err = spec.commandLine().getErr();
        final int year = scanner.year();
        Answer.Outcome worst = null;
        try (ScanQueue queue = gateway.openQueue(); Gateway ledger = gateway.connect()) {
            final List<QueuedScan> pending = queue.pending();
            try (Progress bar = Progress.start("sync", pending.size())) {
                for (int i = 0; i < pending.size(); i++) {
                    final QueuedScan scan = pending.get(i);
                    final String source = "queued " + scan.queuedAt() + " " + scan.source();
                    // Noted before it is sent: a kill after the send leaves a trace that it may have arrived.
                    queue.attempting(scan.id());
                    Answer answer;
                    try {
                        answer = send(ledger, scan, source, year);
                    } catch (GatewayException e) {
                        if (e.retryable()) {
                            bar.clear();
                            err.println("dawa-scan: " + (e.unreachable() ? "the gateway cannot be reached"
                                    : "the gateway refused the call") + " (" + e.getMessage() + "); "
                                    + (pending.size() - i) + " scans stay queued in " + gateway.queueFile());
                            err.flush();
                            return e.unreachable() ? Answer.exitCode(Answer.worse(worst, Answer.Outcome.QUEUED))
                                    : ExitCodes.ERROR;
                        }
                        answer = Answer.error(source, scan.action().name(), e.code(), e.detail());
                    }
                    if (i == holdAfter) {
                        holdForever();
                    }
                    queue.answered(scan.id());
                    worst = Answer.worse(worst, answer.outcome());
                    bar.clear();
                    printer.print(answer);
                    bar.update(i + 1);
                }
                if (pending.isEmpty() && output == AnswerPrinter.Format.text) {
                    spec.commandLine().getOut().println("nothing queued in " + gateway.queueFile());
                    spec.commandLine().getOut().flush();
                }
            }
        }
        return Answer.exitCode(worst);
    }

    private static void holdForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("held sync interrupted", e);
        }
    }

    private static Answer send(final Gateway ledger, final QueuedScan scan, final String source, final int year) {
        if (scan.action() == QueuedScan.Action.dispense) {
            final Answer answer = DispenseCommand.dispense(ledger, source, scan.code(), scan.idempotencyKey(), year);
            return scan.attempts() == 0 ? answer : answer.with(source, answer.message()
                    + " (sent again with its idempotency key after an unfinished sync: this is the first outcome)");
        }
        // Sent with its idempotency key: a verify resent after an unfinished sync hears the alert its first try
        // raised, instead of raising a second one.
        return Answer.verified(source, ledger.verify(VerifyRequest.newBuilder().setCode(scan.code())
                .setRequestId(scan.idempotencyKey()).setIdempotencyKey(scan.idempotencyKey()).build()));
    }
}
