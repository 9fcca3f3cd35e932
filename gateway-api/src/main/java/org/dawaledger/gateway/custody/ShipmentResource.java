package org.dawaledger.gateway.custody;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dawaledger.gateway.transaction.ContractCalls;
import org.dawaledger.gateway.transaction.Reason;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Custody between licensed parties: shipments, and the regulator's transfers out of a revoked party's hands. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ShipmentResource {
    /** What to ship (ShipPacks): packs by serial and batch-level units by quantity. */
    @Schema(examples = "{\"receiverGln\": \"8960000000047\", \"packs\": [{\"gtin\": \"08960001000015\","
            + " \"serial\": \"PAN000060\"}], \"quantities\": []}")
    public record Dispatch(String receiverGln, JsonNode packs, JsonNode quantities) {
    }

    /** The regulator's transfer (TransferCustody) of a revoked holder's stock. */
    @Schema(examples = "{\"holderGln\": \"8960000000047\", \"receiverGln\": \"8960000000030\", \"packs\":"
            + " [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000060\"}], \"reason\": \"licence revoked\"}")
    public record Transfer(String holderGln, String receiverGln, JsonNode packs, JsonNode quantities,
            String reason) {
    }

    private final ContractCalls calls;

    ShipmentResource(final ContractCalls calls) {
        this.calls = calls;
    }

    @POST
    @Path("shipments")
    @Operation(summary = "Ship packs and units (ShipPacks)", description = "A supply-chain party, of what it holds;"
            + " custody passes when the receiver receives the shipment. The shipment's id is the transaction id.")
    public JsonNode ship(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Dispatch body) {
        final Dispatch d = ContractCalls.orEmpty(body, new Dispatch(null, null, null));
        return calls.submit(authorization, key, "ShipPacks", d.receiverGln(), contents(d.packs(), d.quantities()));
    }

    @GET
    @Path("shipments")
    @Operation(summary = "Shipments to a receiver (ListShipmentsByReceiver)", description = "The receiver itself or"
            + " the regulator; `status` (IN_TRANSIT, RECEIVED, REJECTED, CANCELLED) narrows it. Paginated.")
    public Response shipments(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @QueryParam("receiver") final String receiver, @QueryParam("status") final String status,
            @QueryParam("pageSize") final String pageSize, @QueryParam("bookmark") final String bookmark) {
        return calls.evaluate(authorization, "ListShipmentsByReceiver", receiver, status, pageSize, bookmark);
    }

    @GET
    @Path("shipments/{id}")
    @Operation(summary = "A shipment (GetShipment)", description = "Its shipper, its receiver or the regulator.")
    public Response shipment(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("id") final String id) {
        return calls.evaluate(authorization, "GetShipment", id);
    }

    @POST
    @Path("shipments/{id}/receipt")
    @Operation(summary = "Receive a shipment (ReceiveShipment)", description = "Its receiver: custody passes.")
    public JsonNode receive(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("id") final String id) {
        return calls.submit(authorization, key, "ReceiveShipment", id);
    }

    @POST
    @Path("shipments/{id}/rejection")
    @Operation(summary = "Reject a shipment (RejectShipment)", description = "Its receiver: the goods stay the"
            + " shipper's.")
    public JsonNode reject(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("id") final String id, final Reason body) {
        return calls.submit(authorization, key, "RejectShipment", id, Reason.of(body));
    }

    @POST
    @Path("shipments/{id}/cancellation")
    @Operation(summary = "Cancel a shipment (CancelShipment)", description = "The regulator, or the shipper once the"
            + " receiver is no longer active.")
    public JsonNode cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("id") final String id, final Reason body) {
        return calls.submit(authorization, key, "CancelShipment", id, Reason.of(body));
    }

    @POST
    @Path("custody-transfers")
    @Operation(summary = "Move a revoked party's stock (TransferCustody)", description = "Regulator only, at once"
            + " and without a receipt.")
    public JsonNode transfer(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Transfer body) {
        final Transfer t = ContractCalls.orEmpty(body, new Transfer(null, null, null, null, null));
        return calls.submit(authorization, key, "TransferCustody", t.holderGln(), t.receiverGln(),
                contents(t.packs(), t.quantities()), t.reason());
    }

    /** The contract's contents argument: either list may be left out. */
    private static String contents(final JsonNode packs, final JsonNode quantities) {
        final com.fasterxml.jackson.databind.node.ObjectNode contents =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (packs != null && !packs.isNull()) {
            contents.set("packs", packs);
        }
        if (quantities != null && !quantities.isNull()) {
            contents.set("quantities", quantities);
        }
        return ContractCalls.json(contents);
    }
}
