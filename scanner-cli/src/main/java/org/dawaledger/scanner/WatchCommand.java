/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.scanner.gateway.Answer;
import org.dawaledger.scanner.gateway.AnswerPrinter;
import org.dawaledger.scanner.gateway.Gateway;
import org.dawaledger.scanner.gateway.GatewayException;
import org.dawaledger.scanner.queue.Offline;
import org.dawaledger.scanner.queue.QueuedScan;
import picocli.CommandLine.Command;

/**
 * {@code dawa-scan watch}: a keyboard-wedge scanner's session, each scan answered as it comes.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Reads one scan per line from the terminal (a keyboard-wedge scanner types its codes there) "
                + "until Ctrl-D, and verifies each as it comes.",
            "The gateway unreachable: a scan is queued for `dawa-scan sync`, and the next is tried again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK + ":every pack ACTIVE", OnlineCommand.EXIT_ERROR, OnlineCommand.EXIT_USAGE,
            OnlineCommand.EXIT_SUSPECT, OnlineCommand.EXIT_QUEUED})
final class WatchCommand extends OnlineCommand {
    @Override
    public Integer call() {
        final AnswerPrinter printer = printer();
        Answer.Outcome worst = null;
        try (Gateway ledger = gateway.connect(); BufferedReader lines = new BufferedReader(
                new InputStreamReader(scanner.stdin(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                final String source = "scan " + number;
                final Answer answer = answer(ledger, source, line.strip());
                worst = Answer.worse(worst, answer.outcome());
                printer.print(answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read standard input", e);
        }
        return Answer.exitCode(worst);
    }

    private Answer answer(final Gateway ledger, final String source, final String code) {
        try {
            return Answer.verified(source, ledger.verify(VerifyRequest.newBuilder().setCode(code)
                    .setRequestId(source).build()));
        } catch (GatewayException e) {
            if (e.unreachable()) {
                return Offline.queue(gateway, QueuedScan.Action.verify, List.of(new QueuedScan.Entry(source, code)))
                        .get(0);
            }
            // unary Verify answers a scan it cannot judge, or a refusal, with a coded status
            return Answer.error(source, "verify", e.code(), e.detail());
        }
    }
}
