package org.dawaledger.gateway.product;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dawaledger.gateway.transaction.ContractCalls;
import org.dawaledger.gateway.transaction.Reason;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Batches: registered by the product's manufacturer, commissioned pack by pack, held or recalled by the regulator. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BatchResource {
    /** A domestic batch (RegisterBatch): quantity is the number of units made. */
    @Schema(examples = "{\"gtin\": \"08960001000015\", \"lot\": \"PAN2402\", \"expiry\": \"290630\","
            + " \"quantity\": \"5000\"}")
    public record Registration(String gtin, String lot, String expiry, String quantity) {
    }

    /** Serials to commission (CommissionPacks), at most the contract's limit per call. */
    @Schema(examples = "{\"serials\": [\"PAN2402000001\", \"PAN2402000002\"]}")
    public record Serials(JsonNode serials) {
    }

    private final ContractCalls calls;

    BatchResource(final ContractCalls calls) {
        this.calls = calls;
    }

    @POST
    @Path("batches")
    @Operation(summary = "Register a batch (RegisterBatch)", description = "The product's manufacturer, for an"
            + " approved product. Quantity is decimal text.")
    public JsonNode register(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Registration body) {
        final Registration r = ContractCalls.orEmpty(body, new Registration(null, null, null, null));
        return calls.submit(authorization, key, "RegisterBatch", r.gtin(), r.lot(), r.expiry(), r.quantity());
    }

    @GET
    @Path("batches/{gtin}/{lot}")
    @Operation(summary = "A batch (GetBatch)", description = "Any signed-in party.")
    public Response batch(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("gtin") final String gtin, @PathParam("lot") final String lot) {
        return calls.evaluate(authorization, "GetBatch", gtin, lot);
    }

    @POST
    @Path("batches/{gtin}/{lot}/packs")
    @Operation(summary = "Commission packs (CommissionPacks)", description = "The batch's owner: each serial becomes"
            + " an ACTIVE pack in its custody, all or none. For a whole batch's serials use the serial upload.")
    public JsonNode commission(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            @PathParam("lot") final String lot, final Serials body) {
        return calls.submit(authorization, key, "CommissionPacks", gtin, lot,
                ContractCalls.json(body == null ? null : body.serials()));
    }

    @GET
    @Path("batches/{gtin}/{lot}/holdings/{holderGln}")
    @Operation(summary = "Units of a batch a party holds without serials (GetStockHolding)", description = "The"
            + " holder, the batch's owner or the regulator.")
    public Response holding(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("gtin") final String gtin, @PathParam("lot") final String lot,
            @PathParam("holderGln") final String holderGln) {
        return calls.evaluate(authorization, "GetStockHolding", gtin, lot, holderGln);
    }

    @POST
    @Path("batches/{gtin}/{lot}/quarantine")
    @Operation(summary = "Quarantine a batch (QuarantineBatch)", description = "Regulator only: its packs stop"
            + " being sellable until released.")
    public JsonNode quarantine(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            @PathParam("lot") final String lot, final Reason body) {
        return calls.submit(authorization, key, "QuarantineBatch", gtin, lot, Reason.of(body));
    }

    @POST
    @Path("batches/{gtin}/{lot}/release")
    @Operation(summary = "Release a quarantined batch (ReleaseBatch)", description = "Regulator only.")
    public JsonNode release(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            @PathParam("lot") final String lot, final Reason body) {
        return calls.submit(authorization, key, "ReleaseBatch", gtin, lot, Reason.of(body));
    }

    @POST
    @Path("batches/{gtin}/{lot}/recall")
    @Operation(summary = "Recall a batch (RecallBatch)", description = "Regulator only, final: every pack of the"
            + " batch then verifies RECALLED, and a recall event goes to every watcher.")
    public JsonNode recall(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            @PathParam("lot") final String lot, final Reason body) {
        return calls.submit(authorization, key, "RecallBatch", gtin, lot, Reason.of(body));
    }
}
