package org.dawaledger.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Set;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.gs1.Gs1ElementString;
import org.dawaledger.gs1.Gs1Read;
import org.dawaledger.gs1.PackIdentifier;
import org.dawaledger.ledger.Evaluated;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Verification, open to anyone: the contract's VerifyPack, run on the local copy of the ledger. */
@Path("/api/v1/verify")
public class VerifyResource {
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

    VerifyResource(final GatewayLedger ledger) {
        this.ledger = ledger;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a pack", description = "Answers the verdict (ACTIVE: genuine and sellable), what"
            + " the ledger knows of the product and batch, the identifier as parsed, and the block the answer"
            + " reflects. A scan that cannot be parsed is a 400 naming the field.")
    public JsonNode verify(final VerifyRequest request) throws IOException {
        if (request == null) {
            throw Problem.badRequest("INVALID_ARGUMENT", "body", "send a JSON object with `code`, or with `gtin`,"
                    + " `serial`, `lot` and `expiry`");
        }
        final String[] fields = fields(request);
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

    /** GTIN, serial, lot and expiry, parsed from the scan or taken as given (the contract checks those). */
    private static String[] fields(final VerifyRequest request) {
        if (request.code() != null && !request.code().isBlank()) {
            final Gs1Read read = Gs1ElementString.parse(request.code());
            final PackIdentifier pack = read.toPackIdentifier();
            return new String[] {pack.gtin().value(), pack.serial().orElse(""), pack.lot(), pack.expiry().yymmdd()};
        }
        if (request.gtin() == null || request.gtin().isBlank()) {
            throw Problem.badRequest("INVALID_ARGUMENT", "code", "send `code` (a scan), or `gtin` with `serial`,"
                    + " `lot` and `expiry`");
        }
        return new String[] {request.gtin(), orEmpty(request.serial()), orEmpty(request.lot()),
            orEmpty(request.expiry())};
    }

    private static String orEmpty(final String text) {
        return text == null ? "" : text;
    }
}
