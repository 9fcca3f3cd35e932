package org.dawaledger.gateway.pack;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A pack's life after commissioning: dispensed to a patient, decommissioned (exported, stolen, sampled…) and undone,
 * locked by the regulator as suspect and released or destroyed, and its history.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PackResource {
    /** Packs to dispense (DispensePacks): gtin and serial, lot and expiry checked when given; 1 to 1,000. */
    @Schema(examples = "{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000002\", \"lot\": \"PAN2401\","
            + " \"expiry\": \"281231\"}]}")
    public record Dispensing(JsonNode packs) {
    }

    /** Packs to decommission (DecommissionPacks) and why: EXPORTED, CHECKED_OUT, STOLEN, SAMPLE, DESTROYED… */
    @Schema(examples = "{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000070\"}],"
            + " \"reason\": \"SAMPLE\"}")
    public record Decommissioning(JsonNode packs, String reason) {
    }

    /** Suspect packs the regulator locks, releases or destroys, and why. */
    @Schema(examples = "{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000071\"}],"
            + " \"reason\": \"alert 8c1f…: held for testing\"}")
    public record Suspects(JsonNode packs, String reason) {
    }

    private final ContractCalls calls;

    PackResource(final ContractCalls calls) {
        this.calls = calls;
    }

    @POST
    @Path("dispense")
    @Operation(summary = "Dispense packs (DispensePacks)", description = "A pharmacy, of packs it holds. Answers one"
            + " outcome per pack, in order, in `result`: accepted ones become SUPPLIED; a second dispense, an unknown"
            + " serial or a mismatch is refused with its code and raises an alert. With an Idempotency-Key header, a"
            + " retry answers the first outcome instead of dispensing again.")
    public JsonNode dispense(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Dispensing body) {
        return calls.submit(authorization, key, "DispensePacks", ContractCalls.json(body == null ? null
                : body.packs()));
    }

    @POST
    @Path("decommission")
    @Operation(summary = "Decommission packs (DecommissionPacks)", description = "Their custodian; one outcome per"
            + " pack in `result`, as for dispensing.")
    public JsonNode decommission(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Decommissioning body) {
        final Decommissioning d = ContractCalls.orEmpty(body, new Decommissioning(null, null));
        return calls.submit(authorization, key, "DecommissionPacks", ContractCalls.json(d.packs()), d.reason());
    }

    @POST
    @Path("packs/{gtin}/{serial}/undo-decommission")
    @Operation(summary = "Undo a decommission (UndoDecommission)", description = "The party that decommissioned the"
            + " pack, within the undo window; STOLEN and DESTROYED are final.")
    public JsonNode undo(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            @PathParam("serial") final String serial) {
        return calls.submit(authorization, key, "UndoDecommission", gtin, serial);
    }

    @GET
    @Path("packs/dispensed")
    @Operation(summary = "Packs a party dispensed on a day (ListDispensedPacks)", description = "`by` the"
            + " dispenser's GLN and `date` the UTC day (yyyy-MM-dd, required): the packs as they are now (status"
            + " SUPPLIED, lot, decommissionedAt…), in the order dispensed; an undone dispense is not listed. The"
            + " dispenser itself or the regulator. Paginated.")
    public Response dispensed(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @QueryParam("by") final String by, @QueryParam("date") final String date,
            @QueryParam("pageSize") final String pageSize, @QueryParam("bookmark") final String bookmark) {
        return calls.evaluate(authorization, "ListDispensedPacks", by, date, pageSize, bookmark);
    }

    @GET
    @Path("packs/{gtin}/{serial}/history")
    @Operation(summary = "A pack's history (GetPackHistory)", description = "Every change of the pack, oldest first:"
            + " commissioned, shipped, received, dispensed…, with the transaction and the party. The regulator, the"
            + " batch's owner, or a party that held the pack. Paginated by offset bookmark.")
    public Response history(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("gtin") final String gtin, @PathParam("serial") final String serial,
            @QueryParam("pageSize") final String pageSize, @QueryParam("bookmark") final String bookmark) {
        return calls.evaluate(authorization, "GetPackHistory", gtin, serial, pageSize, bookmark);
    }

    @POST
    @Path("locked-packs")
    @Operation(summary = "Lock suspect packs (LockPacks)", description = "Regulator only: the packs stop moving and"
            + " verify LOCKED until released or destroyed.")
    public JsonNode lock(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Suspects body) {
        return suspects(authorization, key, "LockPacks", body);
    }

    @POST
    @Path("locked-packs/release")
    @Operation(summary = "Release locked packs (ReleaseLockedPacks)", description = "Regulator only.")
    public JsonNode release(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Suspects body) {
        return suspects(authorization, key, "ReleaseLockedPacks", body);
    }

    @POST
    @Path("locked-packs/destruction")
    @Operation(summary = "Destroy locked packs (DestroyLockedPacks)", description = "Regulator only, final.")
    public JsonNode destroy(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Suspects body) {
        return suspects(authorization, key, "DestroyLockedPacks", body);
    }

    private JsonNode suspects(final String authorization, final String key, final String function,
            final Suspects body) {
        final Suspects s = ContractCalls.orEmpty(body, new Suspects(null, null));
        return calls.submit(authorization, key, function, ContractCalls.json(s.packs()), s.reason());
    }
}
