package org.dawaledger.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import org.dawaledger.gs1.Gs1Scan;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A GS1 Digital Link resolver: {@code /01/{gtin}/10/{lot}/21/{serial}?17={expiry}} and its shorter forms, so that a
 * phone camera pointed at a pack's Digital Link lands on its verification.
 */
@Path("/")
public class DigitalLinkResource {
    private final Verifier verifier;
    private final AnonymousRateLimit limit;

    DigitalLinkResource(final Verifier verifier, final AnonymousRateLimit limit) {
        this.verifier = verifier;
        this.limit = limit;
    }

    @GET
    @Path("01/{keys: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve a GS1 Digital Link", description = "Verifies the pack the link names, as POST"
            + " /api/v1/verify does: /01/{gtin}/10/{lot}/21/{serial}?17={YYMMDD}, or with fewer qualifiers.")
    public JsonNode resolve(@PathParam("keys") final String keys, @Context final UriInfo uri,
            @Context final HttpServerRequest http) throws IOException {
        limit.take(http.remoteAddress().hostAddress());
        return verifier.verify(fieldsOf(uri.getRequestUri()));
    }

    /**
     * GTIN, serial, lot and expiry of the Digital Link a request was made at, as {@link Verifier#fields} gives them.
     *
     * @throws org.dawaledger.gs1.Gs1FormatException if the link is malformed
     */
    public static String[] fieldsOf(final URI request) {
        // The link as the pack printed it, raw (percent-encoded) as the parser expects, on any host. The whole path
        // goes: the parser finds the GTIN after any prefix, even one with an /01/ segment of its own (a root path).
        final String query = request.getRawQuery();
        return Verifier.fields(Gs1Scan.parse("https://resolver.invalid" + request.getRawPath()
                + (query == null ? "" : "?" + query)));
    }
}
