package org.dawaledger.gateway.alert;

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

/** Alerts: raised by the ledger on a failed dispense or by a party that reports a suspect pack; triaged by the regulator. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {
    /** A suspect pack (ReportSuspectPack): serial, or lot when there is none. */
    @Schema(examples = "{\"gtin\": \"08960001000015\", \"serial\": \"PAN000003\", \"lot\": \"PAN2401\", \"expiry\":"
            + " \"281231\", \"description\": \"blister print smudged, tablets a different colour\"}")
    public record Report(String gtin, String serial, String lot, String expiry, String description) {
    }

    /** The regulator's finding (ResolveAlert), in the WHO categories. */
    @Schema(examples = "{\"finding\": \"FALSIFIED\", \"note\": \"lab report DRAP-LAB-2026-311\"}")
    public record Resolution(String finding, String note) {
    }

    private final ContractCalls calls;

    AlertResource(final ContractCalls calls) {
        this.calls = calls;
    }

    @POST
    @Path("alerts")
    @Operation(summary = "Report a suspect pack (ReportSuspectPack)", description = "Any active participant; at most"
            + " 50 open reports per party per day.")
    public JsonNode report(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Report body) {
        final Report r = ContractCalls.orEmpty(body, new Report(null, null, null, null, null));
        return calls.submit(authorization, key, "ReportSuspectPack", r.gtin(), r.serial(), r.lot(), r.expiry(),
                r.description());
    }

    @GET
    @Path("alerts")
    @Operation(summary = "Alerts by status or by raiser (ListAlerts, ListAlertsByRaiser)", description = "With"
            + " `raisedBy=<GLN>`: the alerts that party's calls raised (refused dispenses, its reports), newest first;"
            + " the party itself or the regulator (ListAlertsByRaiser; `status` is not used). Without it: regulator"
            + " only; `status` OPEN or RESOLVED, or every alert without it; oldest first (ListAlerts). Paginated.")
    public Response alerts(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @QueryParam("raisedBy") final String raisedBy, @QueryParam("status") final String status,
            @QueryParam("pageSize") final String pageSize, @QueryParam("bookmark") final String bookmark) {
        return raisedBy == null ? calls.evaluate(authorization, "ListAlerts", status, pageSize, bookmark)
                : calls.evaluate(authorization, "ListAlertsByRaiser", raisedBy, pageSize, bookmark);
    }

    @GET
    @Path("alerts/{id}")
    @Operation(summary = "An alert (GetAlert)", description = "The regulator, or the party that raised it.")
    public Response alert(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("id") final String id) {
        return calls.evaluate(authorization, "GetAlert", id);
    }

    @POST
    @Path("alerts/{id}/resolution")
    @Operation(summary = "Resolve an alert (ResolveAlert)", description = "Regulator only: SUBSTANDARD,"
            + " UNREGISTERED, FALSIFIED or FALSE_ALARM, with a note.")
    public JsonNode resolve(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("id") final String id,
            final Resolution body) {
        final Resolution r = ContractCalls.orEmpty(body, new Resolution(null, null));
        return calls.submit(authorization, key, "ResolveAlert", id, r.finding(), r.note());
    }
}
