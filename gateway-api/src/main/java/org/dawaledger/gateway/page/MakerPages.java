package org.dawaledger.gateway.page;

import static org.dawaledger.gateway.page.FormState.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.commissioning.SerialUploads;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.gateway.transaction.ContractCalls;
import org.dawaledger.ledger.RefusedException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The manufacturer's and the importer's pages: their products and batches, registering them, uploading a batch's
 * serials with the job's progress (a page of its own, so that a reload or a return finds it where it is), and for an
 * importer its import declarations and their clearance.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class MakerPages {
    /** A product with its batches. */
    public record ProductRow(Map<String, Object> product, List<Map<String, Object>> batches) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance products(Staff staff, boolean importer, List<ProductRow> products,
                List<Map<String, Object>> imports, List<Map<String, Object>> uploads, FormState state);

        static native TemplateInstance upload(Staff staff, Map<String, Object> job, int percent, boolean running);
    }

    private static final String[] ROLES = {"MANUFACTURER", "IMPORTER"};

    private final StaffSessions sessions;
    private final ContractCalls calls;
    private final SignIn signIn;
    private final SerialUploads uploads;

    MakerPages(final StaffSessions sessions, final ContractCalls calls, final SignIn signIn,
            final SerialUploads uploads) {
        this.sessions = sessions;
        this.calls = calls;
        this.signIn = signIn;
        this.uploads = uploads;
    }

    @GET
    @Path("products")
    public TemplateInstance products(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        return page(sessions.require(cookie, ROLES), FormState.NONE);
    }

    @POST
    @Path("products")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance registerProduct(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("name") final String name, @FormParam("strength") final String strength,
            @FormParam("dosageForm") final String dosageForm,
            @FormParam("registrationNumber") final String registrationNumber,
            @FormParam("foreignManufacturer") final String foreignManufacturer) {
        final Staff staff = form(cookie, csrf);
        final Map<String, String> values = values("gtin", gtin, "name", name, "strength", strength, "dosageForm",
                dosageForm, "registrationNumber", registrationNumber, "foreignManufacturer", foreignManufacturer);
        return write(staff, "product", values, "Product " + gtin + " registered: it waits for the regulator's"
                + " approval.", "RegisterProduct", gtin, name, strength, dosageForm, registrationNumber,
                foreignManufacturer);
    }

    @POST
    @Path("products/batches")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance registerBatch(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("lot") final String lot, @FormParam("expiry") final String expiry,
            @FormParam("quantity") final String quantity) {
        final Staff staff = form(cookie, csrf);
        final Map<String, String> values = values("gtin", gtin, "lot", lot, "expiry", expiry, "quantity", quantity);
        return write(staff, "batch", values, "Batch " + lot + " registered: upload its serials below.",
                "RegisterBatch", gtin, lot, expiry, quantity);
    }

    @POST
    @Path("products/imports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance declareImport(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("lot") final String lot, @FormParam("expiry") final String expiry,
            @FormParam("quantity") final String quantity, @FormParam("permitNumber") final String permitNumber,
            @FormParam("portOfEntry") final String portOfEntry,
            @FormParam("foreignManufacturer") final String foreignManufacturer) {
        final Staff staff = form(cookie, csrf);
        final Map<String, String> values = values("gtin", gtin, "lot", lot, "expiry", expiry, "quantity", quantity,
                "permitNumber", permitNumber, "portOfEntry", portOfEntry, "foreignManufacturer", foreignManufacturer);
        return write(staff, "import", values, "Import of lot " + lot + " declared: it stays unsellable until the"
                + " regulator clears it.", "DeclareImport", gtin, lot, expiry, quantity, permitNumber, portOfEntry,
                foreignManufacturer);
    }

    @POST
    @Path("products/serials")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object uploadSerials(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @RestForm("csrf") final String csrf, @RestForm("gtin") final String gtin, @RestForm("lot") final String lot,
            @RestForm("serials") final FileUpload serials) {
        final Staff staff = form(cookie, csrf);
        final Map<String, String> values = values("gtin", gtin, "lot", lot, "serials", "");
        if (serials == null || serials.size() == 0) {
            return page(staff, FormState.refused("serials", values, Problem.badRequest("INVALID_ARGUMENT", "serials",
                    "choose the CSV file of the batch's serials, one a line")));
        }
        try (InputStream csv = Files.newInputStream(serials.uploadedFile())) {
            final ObjectNode job = uploads.uploadCsv(signIn.require(staff.authorization()), orEmpty(gtin),
                    orEmpty(lot), csv);
            return Response.seeOther(URI.create("/uploads/" + job.path("id").asText())).build();
        } catch (RefusedException | WebApplicationException e) {
            return page(staff, FormState.refused("serials", values, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("uploads/{id}")
    public TemplateInstance upload(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @PathParam("id") final String id) {
        final Staff staff = sessions.require(cookie, ROLES);
        final JsonNode job = uploads.job(signIn.require(staff.authorization()), id).orElseThrow(() ->
                new WebApplicationException(Response.status(404).type(MediaType.TEXT_PLAIN_TYPE)
                        .entity("SERIAL_UPLOAD_NOT_FOUND: this party has no serial upload " + id).build()));
        final long total = Math.max(1, job.path("total").asLong());
        final String state = job.path("state").asText();
        return Templates.upload(staff, Rows.one(job), (int) (100 * job.path("commissioned").asLong() / total),
                "QUEUED".equals(state) || "RUNNING".equals(state));
    }

    private Staff form(final String cookie, final String csrf) {
        final Staff staff = sessions.require(cookie, ROLES);
        StaffSessions.checkForm(staff, csrf);
        return staff;
    }

    private TemplateInstance write(final Staff staff, final String form, final Map<String, String> values,
            final String done, final String function, final String... arguments) {
        return page(staff, FormState.written(form, values,
                () -> calls.submit(staff.authorization(), null, function, arguments), result -> done));
    }

    private TemplateInstance page(final Staff staff, final FormState state) {
        final List<ProductRow> products = new ArrayList<>();
        for (final Map<String, Object> product : Rows.of(calls.read(staff.authorization(), "ListProductsByOwner",
                staff.gln(), "100", ""))) {
            products.add(new ProductRow(product, Rows.of(calls.read(staff.authorization(), "ListBatchesByProduct",
                    String.valueOf(product.get("gtin")), "100", ""))));
        }
        final boolean importer = "IMPORTER".equals(staff.role());
        final List<Map<String, Object>> imports = importer ? Rows.of(calls.read(staff.authorization(),
                "ListImportsByImporter", staff.gln(), "100", "")) : List.of();
        final List<Map<String, Object>> jobs = uploads.jobs(signIn.require(staff.authorization())).stream()
                .limit(10).map(Rows::one).toList();
        return Templates.products(staff, importer, products, imports, jobs, state);
    }

    private static String orEmpty(final String text) {
        return text == null ? "" : text;
    }
}
