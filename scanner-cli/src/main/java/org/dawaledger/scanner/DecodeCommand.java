/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.gs1.Gs1Read;
import org.dawaledger.gs1.Gs1Scan;
import org.dawaledger.gs1.Gs1Warning;
import org.dawaledger.gs1.ScannedItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dawa-scan decode}: what a scan says, without asking the ledger.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Parses scans and prints the pack each identifies, or exactly what is wrong with it.",
            "No network: nothing leaves this machine."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK + ":every scan parsed",
            ExitCodes.ERROR + ":at least one scan could not be read, or a file (nothing decoded then)",
            ExitCodes.USAGE + ":wrong usage"})
final class DecodeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    private DawaScan scanner;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CODE", arity = "0..*",
            description = "Scans: GS1 element strings (with or without a symbology identifier such as ]d2, with GS "
                    + "separators), the bracketed (01)… form, or GS1 Digital Link URIs; or files: PNG/JPEG images "
                    + "(every DataMatrix, GS1-128 and QR Code in them), folders of images, CSV files of scans (the "
                    + "column named code, or the only column). None: one scan per line of standard input.")
    private List<String> codes;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people) or json (one object per scan). Default: ${DEFAULT-VALUE}.")
    private OutputFormat output;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final int year = scanner.year();
        int failed = 0;
        for (final Scan scan : ScanInputs.of(codes, scanner.stdin())) {
            try {
                final Gs1Read read = Gs1Scan.parse(scan.code());
                print(out, scan, read.toScannedItem(year), read.warnings());
            } catch (Gs1FormatException e) {
                failed++;
                print(out, scan, e);
            }
        }
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private void print(final PrintWriter out, final Scan scan, final ScannedItem item,
            final List<Gs1Warning> warnings) {
        if (output == OutputFormat.json) {
            final ObjectNode line = JSON.createObjectNode().put("gtin", item.gtin().value());
            item.lot().ifPresent(lot -> line.put("lot", lot));
            item.expiry().ifPresent(expiry -> line.put("expiry", expiry.toIsoString()));
            item.serial().ifPresent(serial -> line.put("serial", serial));
            if (!warnings.isEmpty()) {
                final ArrayNode array = line.putArray("warnings");
                warnings.forEach(warning -> array.addObject().put("kind", warning.kind().name())
                        .put("field", warning.field().name().toLowerCase(Locale.ROOT))
                        .put("message", warning.message()));
            }
            out.println(line);
            return;
        }
        out.printf(Locale.ROOT, "%s: GTIN %s%s%s%s%n", scan.source(), item.gtin().value(),
                item.lot().map(lot -> ", lot " + lot).orElse(""),
                item.expiry().map(expiry -> ", expiry " + expiry.toIsoString()).orElse(""),
                item.serial().map(serial -> ", serial " + serial).orElse(""));
        warnings.forEach(warning -> out.printf(Locale.ROOT, "  warning (%s, %s): %s%n", warning.kind(),
                warning.field().name().toLowerCase(Locale.ROOT), warning.message()));
    }

    private void print(final PrintWriter out, final Scan scan, final Gs1FormatException e) {
        final String field = e.field().name().toLowerCase(Locale.ROOT);
        if (output == OutputFormat.json) {
            final ObjectNode line = JSON.createObjectNode();
            line.putObject("error").put("code", "INVALID_SCAN").put("field", field).put("message", e.getMessage());
            out.println(line);
            return;
        }
        out.printf(Locale.ROOT, "%s: cannot be read (INVALID_SCAN, %s): %s%n", scan.source(), field, e.getMessage());
    }
}
