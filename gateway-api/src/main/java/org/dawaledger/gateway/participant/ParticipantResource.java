package org.dawaledger.gateway.participant;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Licences: the regulator registers, suspends and revokes participants; anyone signed in asks who it is. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ParticipantResource {
    /** A licence to register (RegisterParticipant). */
    @Schema(examples = "{\"gln\": \"8960000000061\", \"role\": \"PHARMACY\", \"legalName\": \"Shifa Pharmacy\","
            + " \"licenceNumber\": \"DSL-LHR-0042\", \"mspId\": \"PharmacyMSP\", \"certificatePem\":"
            + " \"-----BEGIN CERTIFICATE-----\\n…\"}")
    public record Registration(String gln, String role, String legalName, String licenceNumber,
            JsonNode companyPrefixes, String mspId, String certificatePem) {
    }

    /** A manufacturer's GS1 company prefixes (SetCompanyPrefixes). */
    @Schema(examples = "{\"companyPrefixes\": [\"8960001\", \"8960002\"], \"reason\": \"GS1 Pakistan allocation 2026-11\"}")
    public record CompanyPrefixes(JsonNode companyPrefixes, String reason) {
    }

    /** A licence's new status (SetParticipantStatus). */
    @Schema(examples = "{\"status\": \"SUSPENDED\", \"reason\": \"inspection DRAP-INS-2026-118 pending\"}")
    public record StatusChange(String status, String reason) {
    }

    /** The bootstrap (InitLedger): the ledger's first participant, the regulator, is the caller. */
    @Schema(examples = "{\"regulatorMspId\": \"RegulatorMSP\", \"gln\": \"8960000000016\", \"legalName\":"
            + " \"Drug Regulatory Authority of Pakistan\", \"licenceNumber\": \"DRAP-HQ-001\"}")
    public record Bootstrap(String regulatorMspId, String gln, String legalName, String licenceNumber) {
    }

    private final ContractCalls calls;

    ParticipantResource(final ContractCalls calls) {
        this.calls = calls;
    }

    @GET
    @Path("me")
    @Operation(summary = "Who am I (WhoAmI)", description = "The participant the bearer token acts as.")
    public Response whoAmI(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization) {
        return calls.evaluate(authorization, "WhoAmI");
    }

    @POST
    @Path("ledger")
    @Operation(summary = "Initialise the ledger (InitLedger)", description = "Once, by the regulator's identity:"
            + " registers the regulator as the first participant. Later calls are LEDGER_ALREADY_INITIALISED.")
    public JsonNode initialise(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Bootstrap body) {
        final Bootstrap b = ContractCalls.orEmpty(body, new Bootstrap(null, null, null, null));
        return calls.submit(authorization, key, "InitLedger", b.regulatorMspId(), b.gln(), b.legalName(),
                b.licenceNumber());
    }

    @POST
    @Path("participants")
    @Operation(summary = "License a participant (RegisterParticipant)", description = "Regulator only. Binds a"
            + " party's certificate (of its organisation's MSP) to its GLN, role and licence; a manufacturer's licence"
            + " lists its GS1 company prefixes.")
    public JsonNode register(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Registration body) {
        final Registration r = ContractCalls.orEmpty(body, new Registration(null, null, null, null, null, null, null));
        return calls.submit(authorization, key, "RegisterParticipant", r.gln(), r.role(), r.legalName(),
                r.licenceNumber(), ContractCalls.json(r.companyPrefixes()), r.mspId(), r.certificatePem());
    }

    @GET
    @Path("participants")
    @Operation(summary = "Every participant (ListParticipants)", description = "Regulator only: every licence,"
            + " whatever its role or status, in GLN order. Paginated.")
    public Response participants(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @QueryParam("pageSize") final String pageSize, @QueryParam("bookmark") final String bookmark) {
        return calls.evaluate(authorization, "ListParticipants", pageSize, bookmark);
    }

    @GET
    @Path("participants/{gln}")
    @Operation(summary = "A participant (GetParticipant)", description = "Any signed-in party.")
    public Response participant(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("gln") final String gln) {
        return calls.evaluate(authorization, "GetParticipant", gln);
    }

    @PUT
    @Path("participants/{gln}/company-prefixes")
    @Operation(summary = "Set a manufacturer's company prefixes (SetCompanyPrefixes)", description = "Regulator only.")
    public JsonNode companyPrefixes(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gln") final String gln,
            final CompanyPrefixes body) {
        final CompanyPrefixes c = ContractCalls.orEmpty(body, new CompanyPrefixes(null, null));
        return calls.submit(authorization, key, "SetCompanyPrefixes", gln, ContractCalls.json(c.companyPrefixes()),
                c.reason());
    }

    @PUT
    @Path("participants/{gln}/status")
    @Operation(summary = "Suspend, reinstate or revoke a licence (SetParticipantStatus)", description = "Regulator"
            + " only. REVOKED is final.")
    public JsonNode status(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gln") final String gln,
            final StatusChange body) {
        final StatusChange s = ContractCalls.orEmpty(body, new StatusChange(null, null));
        return calls.submit(authorization, key, "SetParticipantStatus", gln, s.status(), s.reason());
    }
}
