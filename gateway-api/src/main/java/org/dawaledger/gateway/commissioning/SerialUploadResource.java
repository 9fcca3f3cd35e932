package org.dawaledger.gateway.commissioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.idempotency.IdempotentWrites;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.ledger.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A batch's owner uploads the serial numbers of its packs, up to a million at once, and the gateway commissions them in
 * the background: {@code POST /api/v1/batches/{gtin}/{lot}/serial-uploads} answers 202 with the job, which
 * {@code GET /api/v1/serial-uploads/{id}} follows.
 */
@Path("/api/v1")
public class SerialUploadResource {
    private static final String CSV = "text/csv";

    private final SignIn signIn;
    private final SerialUploads uploads;
    private final IdempotentWrites writes;

    SerialUploadResource(final SignIn signIn, final SerialUploads uploads, final IdempotentWrites writes) {
        this.signIn = signIn;
        this.uploads = uploads;
        this.writes = writes;
    }

    @POST
    @Path("/batches/{gtin}/{lot}/serial-uploads")
    @Consumes({CSV, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload serials to commission", description = "Body: text/csv (one serial a line, an"
            + " optional header line `serial`, RFC 4180 quotes for a serial holding a comma or a quote) or"
            + " application/json ({\"serials\": [...]} or a bare array); up to 1,000,000 serials. The whole upload is"
            + " checked first: a malformed or repeated serial refuses it, naming its line or index, and nothing is"
            + " commissioned. The contract then judges the first chunk (the batch's owner, its state, serials"
            + " commissioned already). Accepted, it answers 202 with the job and its Location; the job commissions"
            + " the serials chunk by chunk and resumes after a restart. Needs the batch owner's bearer token. With an"
            + " Idempotency-Key, a retry answers the job the first request made.")
    @APIResponse(responseCode = "202", description = "The job, accepted; Location names it")
    public Response upload(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String idempotencyKey,
            @Context final HttpHeaders headers,
            @Context final UriInfo uri, @PathParam("gtin") final String gtin, @PathParam("lot") final String lot,
            final InputStream body) throws IOException {
        final MediaType type = headers.getMediaType();
        if (type == null) {
            // The framework answers another type itself; a body of no type gets here.
            throw new WebApplicationException(Problem.response(415, "HTTP_415", null,
                    "send the serials as text/csv or application/json"));
        }
        final Caller caller = signIn.require(authorization);
        final SerialSpool.Format format = type.isCompatible(MediaType.valueOf(CSV))
                ? SerialSpool.Format.CSV : SerialSpool.Format.JSON;
        final SerialSpool.Spooled spooled = uploads.receive(gtin, lot, body, format, headers.getLength());
        try {
            final ObjectNode request = JsonNodeFactory.instance.objectNode().put("call", "serial-upload")
                    .put("gtin", gtin).put("lot", lot).put("serials", spooled.count())
                    .put("sha256", spooled.sha256());
            // A retry with the same key answers the job the first request made: the serials are uploaded once.
            final JsonNode made = writes.once(caller.mspId() + "\u0000" + caller.certificatePem(), idempotencyKey,
                    request, () -> JsonNodeFactory.instance.objectNode()
                            .put("id", uploads.accept(caller, gtin, lot, spooled).id()));
            final SerialUpload job = uploads.find(caller, made.path("id").asText()).orElseThrow(() ->
                    notFound(made.path("id").asText()));
            return Response.accepted(job.answer())
                    .location(uri.getBaseUriBuilder().path("api/v1/serial-uploads").path(job.id()).build()).build();
        } finally {
            spooled.discard();
        }
    }

    @GET
    @Path("/serial-uploads/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A serial upload's job", description = "Its state (QUEUED, RUNNING, DONE or FAILED), the"
            + " serials commissioned so far and the chunks done, the last committed chunk's transaction, and for a"
            + " failed job the refused chunk with the contract's code (the chunks before it stay committed). Only"
            + " the party that uploaded it sees it; to any other it does not exist (404).")
    public JsonNode job(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("id") final String id) {
        final Caller caller = signIn.require(authorization);
        return uploads.find(caller, id).orElseThrow(() -> notFound(id)).answer();
    }

    @GET
    @Path("/serial-uploads")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's serial uploads", description = "Every job of the signed-in party, newest"
            + " first.")
    public JsonNode jobs(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization) {
        final Caller caller = signIn.require(authorization);
        final ObjectNode answer = JsonNodeFactory.instance.objectNode();
        final ArrayNode list = answer.putArray("uploads");
        uploads.list(caller).forEach(job -> list.add(job.answer()));
        return answer;
    }

    private static WebApplicationException notFound(final String id) {
        return new WebApplicationException(Problem.response(404, "SERIAL_UPLOAD_NOT_FOUND", "id",
                "this party has no serial upload " + id));
    }
}
