package org.dawaledger.gateway.custody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.idempotency.IdempotentWrites;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.ledger.Submitted;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A pharmacy dispenses packs: the contract's DispensePacks, as the signed-in participant. */
@Path("/api/v1/dispense")
public class DispenseResource {
    /** An MVCC loser is resubmitted: its answer is then the winner's truth (ALREADY_SUPPLIED, with an alert). */
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayLedger ledger;
    private final SignIn signIn;
    private final IdempotentWrites writes;

    DispenseResource(final GatewayLedger ledger, final SignIn signIn, final IdempotentWrites writes) {
        this.ledger = ledger;
        this.signIn = signIn;
        this.writes = writes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dispense packs", description = "Body: {\"packs\": [{\"gtin\", \"serial\", \"lot\","
            + " \"expiry\"}]} (lot and expiry optional, checked when given; 1 to 1,000). Answers one outcome per pack,"
            + " in order: accepted ones become SUPPLIED; a second dispense, an unknown serial or a mismatch is refused"
            + " with its code and raises an alert. Needs a pharmacy's bearer token. With an Idempotency-Key header, a"
            + " retry answers the first outcome instead of dispensing again.")
    public JsonNode dispense(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String idempotencyKey, final JsonNode body) throws IOException {
        final var caller = signIn.require(authorization);
        if (body == null || !body.path("packs").isArray()) {
            throw Problem.badRequest("INVALID_ARGUMENT", "packs",
                    "send {\"packs\": [{\"gtin\": …, \"serial\": …}]}");
        }
        // A retried dispense with the same key answers the first outcome: the till never dispenses twice.
        return writes.once(caller.mspId() + "\u0000" + caller.certificatePem(), idempotencyKey, body, () -> {
            final Submitted submitted = ledger.ledger().submitResolvingConflicts(caller, ATTEMPTS, "DispensePacks",
                    JSON.writeValueAsString(body.get("packs")));
            final ObjectNode answer = JSON.createObjectNode();
            answer.set("outcomes", JSON.readTree(submitted.answer()));
            answer.put("transactionId", submitted.transactionId());
            answer.put("block", submitted.blockNumber());
            answer.put("validation", submitted.validationCode().name());
            return answer;
        });
    }
}
