package org.dawaledger.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Set;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gs1.Gs1ElementString;
import org.dawaledger.gs1.Gs1Read;
import org.dawaledger.gs1.Gs1Text;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.gs1.PackIdentifier;
import org.dawaledger.ledger.Evaluated;

/** Verification for anonymous callers: the contract's VerifyPack on the local copy, told as the public may hear it. */
@ApplicationScoped
public class Verifier {
    /**
     * What an anonymous caller is told: the verdict and the product, never who holds the pack, who it was sold to
     * or which transaction last touched it. The contract's {@code message} is left out too: it names the pharmacy
     * that dispensed a pack. The verdict and findings codes say the same without it.
     */
    static final Set<String> PUBLIC_FIELDS = Set.of("verdict", "findings", "level", "gtin", "serial",
            "lot", "expiry", "productName", "productStatus", "withdrawnReason", "withdrawnAt", "ledgerLot",
            "ledgerExpiry", "batchStatus", "recallReason", "recalledAt", "packStatus");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayLedger ledger;

    Verifier(final GatewayLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The verdict on a pack's fields (GTIN, serial, lot, expiry), the identifier, and the block it reflects.
     *
     * @throws org.dawaledger.ledger.RefusedException if the contract refuses the fields ({@code INVALID_ARGUMENT})
     */
    public JsonNode verify(final String[] fields) throws IOException {
        final Evaluated evaluated = ledger.ledger().evaluate(ledger.publicCaller(), "VerifyPack", fields);
        final ObjectNode verdict = (ObjectNode) JSON.readTree(evaluated.answer());
        verdict.retain(PUBLIC_FIELDS);
        final ObjectNode answer = JSON.createObjectNode();
        answer.set("verdict", verdict);
        final ObjectNode identifier = answer.putObject("identifier");
        identifier.put("gtin", fields[0]);
        identifier.put("serial", fields[1]);
        identifier.put("lot", fields[2]);
        identifier.put("expiry", fields[3]);
        answer.put("block", evaluated.blockNumber());
        return answer;
    }

    /**
     * GTIN, serial, lot and expiry of a request: parsed from the scan when there is one, else as given (the contract
     * checks those).
     *
     * @throws org.dawaledger.gs1.Gs1FormatException if the scan is malformed
     * @throws UnjudgeableRequest if there is neither a scan nor a GTIN
     */
    public static String[] fields(final String code, final String gtin, final String serial, final String lot,
            final String expiry) {
        if (code != null && !code.isBlank()) {
            return fields(Gs1ElementString.parse(code));
        }
        if (gtin == null || gtin.isBlank()) {
            throw new UnjudgeableRequest("code", "send `code` (a scan), or `gtin` with `serial`, `lot` and `expiry`");
        }
        return new String[] {gtin, orEmpty(serial), orEmpty(lot), orEmpty(expiry)};
    }

    private static String orEmpty(final String text) {
        return text == null ? "" : text;
    }

    /**
     * A scan's fields. With lot and expiry it is checked whole, as printed packs carry them; a Digital Link may carry
     * only a serial or only a lot, which the contract then judges.
     *
     * @throws org.dawaledger.gs1.Gs1FormatException if a field is malformed
     */
    static String[] fields(final Gs1Read read) {
        if (read.get("10").isPresent() && read.get("17").isPresent()) {
            final PackIdentifier pack = read.toPackIdentifier();
            return new String[] {pack.gtin().value(), pack.serial().orElse(""), pack.lot(), pack.expiry().yymmdd()};
        }
        // Each field that is there is checked as on a printed pack, so a misread names its field.
        return new String[] {Gtin.parse(read.get("01").orElse("")).value(),
            read.get("21").map(Gs1Text::serial).orElse(""), read.get("10").map(Gs1Text::lot).orElse(""),
            read.get("17").orElse("")};
    }
}
