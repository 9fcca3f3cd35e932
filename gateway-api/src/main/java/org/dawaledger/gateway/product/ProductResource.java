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
import org.dawaledger.gateway.transaction.Reason;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Products: a manufacturer or importer registers them, the regulator approves, rejects or withdraws them. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
    /** A product to register (RegisterProduct); an importer names the foreign manufacturer. */
    @Schema(examples = "{\"gtin\": \"08960001000022\", \"name\": \"Panadol Extra\", \"strength\": \"500 mg + 65 mg\","
            + " \"dosageForm\": \"TABLET\", \"registrationNumber\": \"DRAP-REG-067893\"}")
    public record Registration(String gtin, String name, String strength, String dosageForm,
            String registrationNumber, String foreignManufacturer) {
    }

    /**
     * A regulated price (SetRegulatedPrice): the maximum retail price of one pack in whole paisa, as text like every
     * number the API takes, from the day it takes effect, with the regulator's notification.
     */
    @Schema(examples = "{\"paisa\": \"3450\", \"effectiveFrom\": \"2026-01-01\","
            + " \"reference\": \"S.R.O. 1234(I)/2026\"}")
    public record Price(String paisa, String effectiveFrom, String reference) {
    }

    private final ContractCalls calls;

    ProductResource(final ContractCalls calls) {
        this.calls = calls;
    }

    @POST
    @Path("products")
    @Operation(summary = "Register a product (RegisterProduct)", description = "A manufacturer, for a GTIN under one"
            + " of its company prefixes, or an importer, for a foreign GTIN. It waits for the regulator's approval.")
    public JsonNode register(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, final Registration body) {
        final Registration r = ContractCalls.orEmpty(body, new Registration(null, null, null, null, null, null));
        return calls.submit(authorization, key, "RegisterProduct", r.gtin(), r.name(), r.strength(),
                r.dosageForm(), r.registrationNumber(), r.foreignManufacturer());
    }

    @GET
    @Path("products")
    @Operation(summary = "Every product, or an owner's products (ListProducts, ListProductsByOwner)",
            description = "With `owner=<GLN>`: the products that manufacturer or importer registered, whatever"
            + " their status; the owner itself or the regulator (ListProductsByOwner). Without it: every product, regulator only"
            + " (ListProducts). In GTIN order, as stored (GetProduct adds the regulated prices). Paginated.")
    public Response products(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @QueryParam("owner") final String owner, @QueryParam("pageSize") final String pageSize,
            @QueryParam("bookmark") final String bookmark) {
        return owner == null ? calls.evaluate(authorization, "ListProducts", pageSize, bookmark)
                : calls.evaluate(authorization, "ListProductsByOwner", owner, pageSize, bookmark);
    }

    @GET
    @Path("products/pending")
    @Operation(summary = "Products awaiting approval (ListPendingProducts)", description = "Regulator only; oldest"
            + " first. Pages: pageSize (1–1000, default 100) and the bookmark the previous page answered.")
    public Response pending(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @QueryParam("pageSize") final String pageSize, @QueryParam("bookmark") final String bookmark) {
        return calls.evaluate(authorization, "ListPendingProducts", pageSize, bookmark);
    }

    @GET
    @Path("products/{gtin}")
    @Operation(summary = "A product (GetProduct)", description = "Any signed-in party.")
    public Response product(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("gtin") final String gtin) {
        return calls.evaluate(authorization, "GetProduct", gtin);
    }

    @GET
    @Path("products/{gtin}/batches")
    @Operation(summary = "A product's batches (ListBatchesByProduct)", description = "The product's owner or the"
            + " regulator. Paginated like every listing.")
    public Response batches(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @PathParam("gtin") final String gtin, @QueryParam("pageSize") final String pageSize,
            @QueryParam("bookmark") final String bookmark) {
        return calls.evaluate(authorization, "ListBatchesByProduct", gtin, pageSize, bookmark);
    }

    @POST
    @Path("products/{gtin}/approval")
    @Operation(summary = "Approve a product (ApproveProduct)", description = "Regulator only; its batches may then"
            + " be registered and sold.")
    public JsonNode approve(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            final Reason body) {
        return calls.submit(authorization, key, "ApproveProduct", gtin, Reason.of(body));
    }

    @POST
    @Path("products/{gtin}/rejection")
    @Operation(summary = "Reject a product's registration (RejectProduct)", description = "Regulator only.")
    public JsonNode reject(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            final Reason body) {
        return calls.submit(authorization, key, "RejectProduct", gtin, Reason.of(body));
    }

    @POST
    @Path("products/{gtin}/price")
    @Operation(summary = "Set a product's regulated price (SetRegulatedPrice)", description = "Regulator only: the"
            + " maximum retail price per pack in paisa from a date on; a price for a date that has one replaces it."
            + " Verification answers the price in force today, GetProduct the history.")
    public JsonNode setPrice(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            final Price body) {
        final Price p = ContractCalls.orEmpty(body, new Price(null, null, null));
        return calls.submit(authorization, key, "SetRegulatedPrice", gtin, p.paisa(), p.effectiveFrom(),
                p.reference());
    }

    @POST
    @Path("products/{gtin}/withdrawal")
    @Operation(summary = "Withdraw a product from the market (WithdrawProduct)", description = "Regulator only:"
            + " every pack of it then verifies PRODUCT_WITHDRAWN.")
    public JsonNode withdraw(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Idempotency-Key") final String key, @PathParam("gtin") final String gtin,
            final Reason body) {
        return calls.submit(authorization, key, "WithdrawProduct", gtin, Reason.of(body));
    }
}
