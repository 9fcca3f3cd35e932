package org.dawaledger.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Verification, open to anyone: the contract's VerifyPack, run on the local copy of the ledger. */
@Path("/api/v1")
public class VerifyResource {
    private final Verifier verifier;
    private final SignIn signIn;
    private final AnonymousRateLimit limit;

    VerifyResource(final Verifier verifier, final SignIn signIn, final AnonymousRateLimit limit) {
        this.verifier = verifier;
        this.signIn = signIn;
        this.limit = limit;
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a pack (VerifyPack)", description = "Answers the verdict (ACTIVE: genuine and sellable), what"
            + " the ledger knows of the product and batch, the identifier as parsed, and the block the answer"
            + " reflects. A scan that cannot be parsed is a 400 naming the field. Anonymous callers hear the verdict"
            + " and the product; with a bearer token the party hears the ledger's whole answer, and a failed"
            + " verification (unknown, mismatched, already supplied, recalled…) raises an alert as that party;"
            + " with an Idempotency-Key, a retry of the same scan hears the alert its first try raised instead of"
            + " raising another.")
    public JsonNode verify(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String idempotencyKey,
            @Context final HttpServerRequest http, final VerifyRequest request) throws IOException {
        if (authorization == null) {
            limit.take(http.remoteAddress().hostAddress());
        }
        if (request == null) {
            throw Problem.badRequest("INVALID_ARGUMENT", "body", "send a JSON object with `code`, or with `gtin`,"
                    + " `serial`, `lot` and `expiry`");
        }
        final String[] fields = Verifier.fields(request.code(), request.gtin(), request.serial(), request.lot(),
                request.expiry());
        // Open to anyone; a party that signs in hears the whole answer, and its failed scans raise alerts.
        return authorization == null ? verifier.verify(fields) : verifier.verifyAs(signIn.require(authorization),
                fields, idempotencyKey);
    }
}
