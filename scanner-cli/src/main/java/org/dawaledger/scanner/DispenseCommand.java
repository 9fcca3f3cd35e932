/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.util.List;
import java.util.UUID;
import org.dawaledger.gateway.grpc.v1.DispenseRequest;
import org.dawaledger.gateway.grpc.v1.PackIdentifier;
import org.dawaledger.gateway.grpc.v1.PackOutcome;
import org.dawaledger.gateway.grpc.v1.PackOutcomes;
import org.dawaledger.gs1.Gs1ElementString;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.scanner.gateway.Answer;
import org.dawaledger.scanner.gateway.AnswerPrinter;
import org.dawaledger.scanner.gateway.Gateway;
import org.dawaledger.scanner.gateway.GatewayException;
import org.dawaledger.scanner.queue.Offline;
import org.dawaledger.scanner.queue.QueuedScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code dawa-scan dispense}: a pharmacy supplies each scanned pack to a patient, each pack its own call with its
 * own idempotency key, so that a pack whose answer was lost is queued with the key it was sent with.
 */
@Command(name = "dispense", mixinStandardHelpOptions = true,
        description = {"Dispenses each scanned pack (a pharmacy, signed in with its token): the ledger marks it "
                + "SUPPLIED, or refuses it (ALREADY_SUPPLIED, RECALLED…) and raises an alert.",
            "The gateway unreachable: the packs are queued, each with its idempotency key, for `dawa-scan sync`."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK + ":every pack dispensed", OnlineCommand.EXIT_ERROR,
            OnlineCommand.EXIT_USAGE,
            ExitCodes.SUSPECT + ":at least one pack refused (not sellable)",
            OnlineCommand.EXIT_QUEUED})
final class DispenseCommand extends OnlineCommand {
    @Parameters(paramLabel = "CODE", arity = "0..*",
            description = "Scans of the packs, as for decode. None: one scan per line of standard input.")
    private List<String> codes;

    @Override
    public Integer call() {
        final List<Scan> scans = ScanInputs.of(codes, scanner.stdin());
        final AnswerPrinter printer = printer();
        final int year = scanner.year();
        Answer.Outcome worst = null;
        boolean offline = false;
        try (Gateway ledger = gateway.connect(); Progress bar = Progress.start("dispense", scans.size())) {
            for (int i = 0; i < scans.size(); i++) {
                final Scan scan = scans.get(i);
                final QueuedScan.Entry entry = new QueuedScan.Entry(scan.source(), scan.code());
                Answer answer;
                if (offline) {
                    answer = Offline.queue(gateway, QueuedScan.Action.dispense, List.of(entry)).get(0);
                } else {
                    final String key = "dawa-scan-" + UUID.randomUUID();
                    try {
                        answer = dispense(ledger, scan.source(), scan.code(), key, year);
                    } catch (GatewayException e) {
                        if (!e.unreachable()) {
                            bar.clear();
                            return refused(e);
                        }
                        offline = true;
                        answer = Offline.queue(gateway, QueuedScan.Action.dispense, entry, key);
                    }
                }
                worst = Answer.worse(worst, answer.outcome());
                bar.clear();
                printer.print(answer);
                bar.update(i + 1);
            }
        }
        return Answer.exitCode(worst);
    }

    /**
     * Dispenses the pack a scan names, with an idempotency key.
     * @return its outcome, or INVALID_SCAN for a scan that cannot be read (nothing is sent).
     * @throws GatewayException if the gateway cannot be reached or refuses the call.
     */
    static Answer dispense(final Gateway ledger, final String source, final String code, final String key,
            final int year) {
        final org.dawaledger.gs1.PackIdentifier pack;
        try {
            pack = Gs1ElementString.parse(code).toPackIdentifier(year);
        } catch (Gs1FormatException e) {
            return Answer.error(source, "dispense", "INVALID_SCAN", e.getMessage());
        }
        if (pack.serial().isEmpty()) {
            return Answer.error(source, "dispense", "INVALID_SCAN", "the scan has no serial (AI 21): a pack is "
                    + "dispensed by its serial");
        }
        final PackOutcomes outcomes = ledger.dispense(DispenseRequest.newBuilder().setIdempotencyKey(key)
                .addPacks(PackIdentifier.newBuilder().setGtin(pack.gtin().value()).setSerial(pack.serial().get())
                        .setLot(pack.lot()).setExpiry(pack.expiry().yymmdd()))
                .build());
        final PackOutcome outcome = outcomes.getOutcomesCount() == 0 ? PackOutcome.getDefaultInstance()
                : outcomes.getOutcomes(0);
        return Answer.dispensed(source, outcome, pack.lot(), pack.expiry().toIsoString(), outcomes.getBlock());
    }
}
