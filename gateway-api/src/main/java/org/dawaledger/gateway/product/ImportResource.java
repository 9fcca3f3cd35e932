package org.dawaledger.gateway.product;

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

/** Imported batches: an importer declares them, and they stay unsellable until the regulator clears them. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImportResource {
    /** An import declaration (DeclareImport). */
    @Schema(examples = "{\"gtin\": \"04012345000016\", \"lot\": \"AUG2406\", \"expiry\": \"280930\","
            + " \"quantity\": \"2000\", \"permitNumber\": \"DRAP-IMP-2026-5521\", \"portOfEntry\": \"Karachi Port\","
            + " \"foreignManufacturer\": \"GlaxoSmithKline plc, Barnard Castle, UK\"}")
    public record Declaration(String gtin, String lot, String expiry, String quantity, String permitNumber,
            String portOfEntry, String foreignManufacturer) {
    }

    /** The regulator's clearance decision (ClearImport): RELEASE or REJECT. */
    @Schema(examples = "{\"decision\": \"RELEASE\", \"reason\": \"samples passed, CoA DRAP-CL-2026-0877\"}")
    public record Clearance(String decision, String reason) {
    }

    private final ContractCalls calls;

    ImportResource(final ContractCalls calls) {
        this.calls = calls;
    }

    @POST
    @Path("imports")
    @Operation(summary = "Declare an imported batch (DeclareImport)", description = "An importer, for an approved"
            + " product it registered; the batch waits for clearance.")
    public JsonNode declare(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Declaration body) {
        final Declaration d = ContractCalls.orEmpty(body, new Declaration(null, null, null, null, null, null, null));
        return calls.submit(authorization, key, "DeclareImport", d.gtin(), d.lot(), d.expiry(), d.quantity(),
                d.permitNumber(), d.portOfEntry(), d.foreignManufacturer());
    }

    @GET
    @Path("imports")
    @Operation(summary = "Imports awaiting clearance, or one importer's imports (ListPendingImports,"
            + " ListImportsByImporter)", description = "Without `importer`:"
            + " the imports awaiting clearance, oldest first (ListPendingImports, regulator only). With"
            + " `importer=<GLN>`: every import that importer declared, whatever its status (ListImportsByImporter; the"
            + " importer itself or the regulator).")
    public Response imports(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @QueryParam("importer") final String importer, @QueryParam("pageSize") final String pageSize,
            @QueryParam("bookmark") final String bookmark) {
        return importer == null ? calls.evaluate(authorization, "ListPendingImports", pageSize, bookmark)
                : calls.evaluate(authorization, "ListImportsByImporter", importer, pageSize, bookmark);
    }

    @POST
    @Path("imports/{gtin}/{lot}/clearance")
    @Operation(summary = "Clear or reject an import (ClearImport)", description = "Regulator only: RELEASE makes the"
            + " batch sellable, REJECT keeps it off the market for good.")
    public JsonNode clear(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            @PathParam("lot") final String lot, final Clearance body) {
        final Clearance c = ContractCalls.orEmpty(body, new Clearance(null, null));
        return calls.submit(authorization, key, "ClearImport", gtin, lot, c.decision(), c.reason());
    }
}
