/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.util.ArrayList;
import java.util.List;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.scanner.gateway.Answer;
import org.dawaledger.scanner.gateway.AnswerPrinter;
import org.dawaledger.scanner.gateway.Gateway;
import org.dawaledger.scanner.gateway.GatewayException;
import org.dawaledger.scanner.queue.Offline;
import org.dawaledger.scanner.queue.QueuedScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code dawa-scan verify}: the ledger's verdict on each scan, over one gRPC stream.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Asks the ledger, through the gateway, whether each scanned pack is genuine and sellable.",
            "Signed in (a token), the whole answer, and a failed scan raises an alert as you; anonymous, the public "
                    + "answer. The gateway unreachable: the scans are queued for `dawa-scan sync`."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK + ":every pack ACTIVE", OnlineCommand.EXIT_ERROR, OnlineCommand.EXIT_USAGE,
            OnlineCommand.EXIT_SUSPECT, OnlineCommand.EXIT_QUEUED})
final class VerifyCommand extends OnlineCommand {
    @Parameters(paramLabel = "CODE", arity = "0..*",
            description = "Scans, as for decode. None: one scan per line of standard input.")
    private List<String> codes;

    @Override
    public Integer call() {
        final List<Scan> scans = ScanInputs.of(codes, scanner.stdin());
        final AnswerPrinter printer = printer();
        final List<VerifyRequest> requests = new ArrayList<>(scans.size());
        for (int i = 0; i < scans.size(); i++) {
            requests.add(VerifyRequest.newBuilder().setCode(scans.get(i).code()).setRequestId(Integer.toString(i))
                    .build());
        }
        final Answer.Outcome[] worst = {null};
        final int[] answered = {0};
        try (Gateway ledger = gateway.connect(); Progress bar = Progress.start("verify", scans.size())) {
            try {
                ledger.verifyStream(requests, reply -> {
                    final Answer answer = Answer.verified(scans.get(answered[0]++).source(), reply);
                    worst[0] = Answer.worse(worst[0], answer.outcome());
                    bar.clear();
                    printer.print(answer);
                    bar.update(answered[0]);
                });
            } catch (GatewayException e) {
                bar.clear();
                final List<Scan> rest = scans.subList(e.answered(), scans.size());
                if (!e.unreachable()) {
                    return refused(e);
                }
                for (final Answer answer : Offline.queue(gateway, QueuedScan.Action.verify, entries(rest))) {
                    worst[0] = Answer.worse(worst[0], answer.outcome());
                    printer.print(answer);
                }
            }
        }
        return Answer.exitCode(worst[0]);
    }
}
