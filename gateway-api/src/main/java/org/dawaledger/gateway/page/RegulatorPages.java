package org.dawaledger.gateway.page;

import static org.dawaledger.gateway.page.FormState.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.dawaledger.chaincode.alert.AlertCode;
import org.dawaledger.chaincode.alert.Finding;
import org.dawaledger.chaincode.pack.Verdict;
import org.dawaledger.gateway.transaction.ContractCalls;
import org.dawaledger.gateway.verify.VerificationTally;
import org.dawaledger.gateway.verify.Verifier;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.ledger.RefusedException;

/**
 * The regulator's pages: an overview with this gateway's verifications and the network's alerts per day, the imports
 * to clear, the alerts to resolve, products and their prices, participants and their licences, and the audit trails
 * of a pack and of an importer. Every form goes to the contract as it is typed (the one conversion is rupees to
 * paisa), so its rules and codes are the contract's.
 */
@Path("/regulator")
@Produces(MediaType.TEXT_HTML)
public class RegulatorPages {
    /** How many days the charts show, today (UTC) included. */
    static final int CHART_DAYS = 14;
    /** At most this many alerts are read for the alerts chart: beyond it, the chart says it is a part. */
    static final int MAX_CHART_ALERTS = 5_000;
    /** A listing's page; the contract's largest. */
    static final int PAGE = 1_000;
    /** At most this many rows in a page's table. */
    static final int MAX_ROWS = 1_000;
    /** Rupees as typed: whole rupees, and at most two decimals for paisa. */
    private static final Pattern RUPEES = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,2})?");

    static final List<String> DECISIONS = List.of("RELEASE", "REJECT");
    static final List<String> STATUSES = List.of("SUSPENDED", "ACTIVE", "REVOKED");
    static final List<String> ROLES = List.of("PHARMACY", "DISTRIBUTOR", "MANUFACTURER", "IMPORTER", "REGULATOR");
    static final List<String> FINDINGS = Arrays.stream(Finding.values()).map(Enum::name).toList();

    /** A listing read whole, or its first {@code cap} records. */
    record Listing(List<Map<String, Object>> records, boolean capped) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Staff staff, long pendingImports, long openAlerts,
                long pendingProducts, boolean alertsCapped, DailyChart verifications, DailyChart alerts);

        static native TemplateInstance imports(Staff staff, Listing pending, List<String> decisions,
                FormState state);

        static native TemplateInstance alerts(Staff staff, Listing open, Listing resolved, List<String> findings,
                FormState state);

        static native TemplateInstance products(Staff staff, Listing pending, List<Map<String, Object>> products,
                boolean capped, FormState state);

        static native TemplateInstance participants(Staff staff, Listing participants, List<String> statuses,
                List<String> roles, FormState state);

        static native TemplateInstance audit(Staff staff, Map<String, String> query, List<Map<String, Object>> history,
                boolean packAsked, List<Map<String, Object>> imports, List<Map<String, Object>> raised,
                boolean importerAsked, FormState state);
    }

    private final StaffSessions sessions;
    private final ContractCalls calls;
    private final VerificationTally tally;

    RegulatorPages(final StaffSessions sessions, final ContractCalls calls, final VerificationTally tally) {
        this.sessions = sessions;
        this.calls = calls;
        this.tally = tally;
    }

    // Overview

    @GET
    public TemplateInstance overview(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        final Staff staff = sessions.require(cookie, "REGULATOR");
        final SortedMap<LocalDate, Map<String, Long>> verified = tally.lastDays(CHART_DAYS);
        final Listing alerts = listing(staff, MAX_CHART_ALERTS, "ListAlerts", "");
        final SortedMap<LocalDate, Map<String, Long>> raised = new TreeMap<>();
        verified.keySet().forEach(day -> raised.put(day, new TreeMap<>()));
        long open = 0;
        for (final Map<String, Object> alert : alerts.records()) {
            if ("OPEN".equals(alert.get("status"))) {
                open++;
            }
            final LocalDate day = utcDay(String.valueOf(alert.get("raisedAt")));
            final Map<String, Long> counts = raised.get(day);
            if (counts != null) {
                counts.merge(String.valueOf(alert.get("code")), 1L, Long::sum);
            }
        }
        return Templates.overview(staff, listing(staff, MAX_ROWS, "ListPendingImports").records().size(), open,
                listing(staff, MAX_ROWS, "ListPendingProducts").records().size(), alerts.capped(),
                DailyChart.of("verifications-chart", "Verifications per day by verdict", "Verifications this"
                        + " gateway answered", verified, Arrays.stream(Verdict.values()).map(Enum::name).toList(),
                        DailyChart.COLOURS),
                DailyChart.of("alerts-chart", "Alerts per day by code", "Alerts raised on the ledger", raised,
                        Arrays.stream(AlertCode.values()).map(Enum::name).toList(),
                        // Every alert is bad news: no green, which the verifications chart gives to genuine packs.
                        DailyChart.COLOURS.subList(1, DailyChart.COLOURS.size())));
    }

    // Imports

    @GET
    @Path("imports")
    public TemplateInstance imports(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        return importsPage(sessions.require(cookie, "REGULATOR"), FormState.NONE);
    }

    @POST
    @Path("imports/clearance")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance clearImport(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("lot") final String lot, @FormParam("decision") final String decision,
            @FormParam("reason") final String reason) {
        return sent(cookie, csrf, this::importsPage, "clear-" + gtin + "-" + lot, values("gtin", gtin, "lot", lot,
                "decision", decision, "reason", reason), result -> "Import " + gtin + "/" + lot + " is now "
                        + result.path("status").asText() + ".", "ClearImport", gtin, lot, decision, reason);
    }

    private TemplateInstance importsPage(final Staff staff, final FormState state) {
        final Listing pending = listing(staff, MAX_ROWS, "ListPendingImports");
        pending.records().forEach(row -> row.put("formId", "clear-" + row.get("gtin") + "-" + row.get("lot")));
        return Templates.imports(staff, pending, DECISIONS, state);
    }

    // Alerts

    @GET
    @Path("alerts")
    public TemplateInstance alerts(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        return alertsPage(sessions.require(cookie, "REGULATOR"), FormState.NONE);
    }

    @POST
    @Path("alerts/resolution")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance resolveAlert(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("alertId") final String alertId,
            @FormParam("finding") final String finding, @FormParam("note") final String note) {
        return sent(cookie, csrf, this::alertsPage, "resolve-" + alertId, values("alertId", alertId, "finding",
                finding, "note", note), result -> "Alert " + alertId + " is resolved: " + result.path("finding")
                        .asText() + ".", "ResolveAlert", alertId, finding, note);
    }

    private TemplateInstance alertsPage(final Staff staff, final FormState state) {
        final Listing open = listing(staff, MAX_ROWS, "ListAlerts", "OPEN");
        open.records().forEach(row -> row.put("formId", "resolve-" + row.get("alertId")));
        return Templates.alerts(staff, open, listing(staff, MAX_ROWS, "ListAlerts", "RESOLVED"), FINDINGS, state);
    }

    // Products and prices

    @GET
    @Path("products")
    public TemplateInstance products(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        return productsPage(sessions.require(cookie, "REGULATOR"), FormState.NONE);
    }

    @POST
    @Path("products/approval")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance approveProduct(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("reason") final String reason) {
        return decide(cookie, csrf, gtin, reason, "ApproveProduct", "approved");
    }

    @POST
    @Path("products/rejection")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance rejectProduct(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("reason") final String reason) {
        return decide(cookie, csrf, gtin, reason, "RejectProduct", "rejected");
    }

    private TemplateInstance decide(final String cookie, final String csrf, final String gtin, final String reason,
            final String function, final String done) {
        return sent(cookie, csrf, this::productsPage, "decide-" + gtin, values("gtin", gtin, "reason", reason),
                result -> "Product " + gtin + " is " + done + ".", function, gtin, reason);
    }

    @POST
    @Path("products/withdrawal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance withdrawProduct(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("reason") final String reason) {
        return sent(cookie, csrf, this::productsPage, "withdraw-" + gtin, values("gtin", gtin, "reason", reason),
                result -> "Product " + gtin + " is withdrawn.", "WithdrawProduct", gtin, reason);
    }

    @POST
    @Path("products/price")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance setPrice(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("rupees") final String rupees, @FormParam("effectiveFrom") final String effectiveFrom,
            @FormParam("reference") final String reference) {
        final Staff staff = sessions.require(cookie, "REGULATOR");
        StaffSessions.checkForm(staff, csrf);
        final Map<String, String> values = values("gtin", gtin, "rupees", rupees, "effectiveFrom", effectiveFrom,
                "reference", reference);
        final String paisa;
        try {
            paisa = paisa(rupees);
        } catch (RefusedException e) {
            return productsPage(staff, FormState.refused("price", values, e));
        }
        return productsPage(staff, write(staff, "price", values, result -> "The price of " + gtin + " from "
                + effectiveFrom + " is Rs " + rupees.strip() + ".", "SetRegulatedPrice", gtin, paisa, effectiveFrom,
                reference));
    }

    @POST
    @Path("products/recall")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance recallBatch(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gtin") final String gtin,
            @FormParam("lot") final String lot, @FormParam("reason") final String reason) {
        return sent(cookie, csrf, this::productsPage, "recall", values("gtin", gtin, "lot", lot, "reason", reason),
                result -> "Batch " + gtin + "/" + lot + " is recalled.", "RecallBatch", gtin, lot, reason);
    }

    /**
     * Rupees as typed (e.g. {@code 34.50}) in paisa, exactly: at most two decimals, no sign, separator or exponent.
     * The contract judges the amount.
     *
     * @throws RefusedException {@code INVALID_ARGUMENT} naming {@code rupees} if it is not such a number
     */
    static String paisa(final String rupees) {
        final String typed = rupees == null ? "" : rupees.strip();
        if (!RUPEES.matcher(typed).matches()) {
            throw new RefusedException(0, "[INVALID_ARGUMENT] rupees: a price in rupees with at most two decimals"
                    + " for the paisa, such as 34.50 (digits and one point only); not \"" + typed + "\"");
        }
        return new BigDecimal(typed).movePointRight(2).toBigIntegerExact().toString();
    }

    private TemplateInstance productsPage(final Staff staff, final FormState state) {
        final Listing pending = listing(staff, MAX_ROWS, "ListPendingProducts");
        pending.records().forEach(row -> row.put("formId", "decide-" + row.get("gtin")));
        final Listing all = listing(staff, MAX_ROWS, "ListProducts");
        final List<Map<String, Object>> products = new ArrayList<>();
        for (final Map<String, Object> product : all.records()) {
            product.put("formId", "withdraw-" + product.get("gtin"));
            // ListProducts holds no prices; the contract's VerifyPack of a GTIN alone answers the one in force today.
            final JsonNode price = calls.read(staff.authorization(), "VerifyPack", String.valueOf(product.get("gtin")),
                    "", "", "").path("regulatedPrice");
            if (price.isObject()) {
                product.put("priceInForce", "Rs " + VerificationView.rupees(price.path("paisa").asLong()) + " from "
                        + price.path("effectiveFrom").asText() + " (" + price.path("reference").asText() + ")");
            }
            products.add(product);
        }
        return Templates.products(staff, pending, products, all.capped(), state);
    }

    // Participants

    @GET
    @Path("participants")
    public TemplateInstance participants(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        return participantsPage(sessions.require(cookie, "REGULATOR"), FormState.NONE);
    }

    @POST
    @Path("participants/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance setStatus(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gln") final String gln,
            @FormParam("status") final String status, @FormParam("reason") final String reason) {
        return sent(cookie, csrf, this::participantsPage, "status-" + gln, values("gln", gln, "status", status,
                "reason", reason), result -> "Participant " + gln + " is " + result.path("status").asText() + ".",
                "SetParticipantStatus", gln, status, reason);
    }

    @POST
    @Path("participants/licence")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance license(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("gln") final String gln,
            @FormParam("role") final String role, @FormParam("legalName") final String legalName,
            @FormParam("licenceNumber") final String licenceNumber,
            @FormParam("companyPrefixes") final String companyPrefixes, @FormParam("mspId") final String mspId,
            @FormParam("certificatePem") final String certificatePem) {
        return sent(cookie, csrf, this::participantsPage, "licence", values("gln", gln, "role", role, "legalName",
                legalName, "licenceNumber", licenceNumber, "companyPrefixes", companyPrefixes, "mspId", mspId,
                "certificatePem", certificatePem), result -> result.path("legalName").asText() + " is licensed as "
                        + result.path("role").asText() + " with GLN " + result.path("gln").asText() + ".",
                "RegisterParticipant", gln, role, legalName, licenceNumber, prefixes(companyPrefixes), mspId,
                certificatePem);
    }

    /** Comma-separated prefixes as the contract's JSON list; none as empty (the contract says who needs them). */
    static String prefixes(final String typed) {
        final ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (final String prefix : (typed == null ? "" : typed).split(",")) {
            if (!prefix.isBlank()) {
                list.add(prefix.strip());
            }
        }
        return list.isEmpty() ? "" : ContractCalls.json(list);
    }

    private TemplateInstance participantsPage(final Staff staff, final FormState state) {
        final Listing participants = listing(staff, MAX_ROWS, "ListParticipants");
        participants.records().forEach(row -> {
            row.put("formId", "status-" + row.get("gln"));
            row.put("prefixes", row.get("companyPrefixes") instanceof List<?> list ? String.join(", ",
                    list.stream().map(String::valueOf).toList()) : "");
        });
        return Templates.participants(staff, participants, STATUSES, ROLES, state);
    }

    // Audit

    @GET
    @Path("audit")
    public TemplateInstance audit(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @QueryParam("code") final String code, @QueryParam("gtin") final String gtin,
            @QueryParam("serial") final String serial, @QueryParam("importer") final String importer) {
        final Staff staff = sessions.require(cookie, "REGULATOR");
        final Map<String, String> pack = values("code", code, "gtin", gtin, "serial", serial);
        final boolean packAsked = !pack.get("code").isBlank() || !pack.get("gtin").isBlank()
                || !pack.get("serial").isBlank();
        final boolean importerAsked = importer != null && !importer.isBlank();
        List<Map<String, Object>> history = List.of();
        List<Map<String, Object>> imports = List.of();
        List<Map<String, Object>> raised = List.of();
        FormState state = FormState.NONE;
        if (packAsked) {
            try {
                final String[] fields = pack.get("code").isBlank() ? new String[] {pack.get("gtin"), pack.get("serial")}
                        : Verifier.fields(code, null, null, null, null);
                history = Rows.of(calls.read(staff.authorization(), "GetPackHistory", fields[0], fields[1],
                        Integer.toString(PAGE), ""));
            } catch (Gs1FormatException | RefusedException | WebApplicationException e) {
                state = FormState.refused("pack", pack, e);
            }
        }
        if (importerAsked) {
            try {
                imports = Rows.of(calls.read(staff.authorization(), "ListImportsByImporter", importer.strip(),
                        Integer.toString(PAGE), ""));
                raised = Rows.of(calls.read(staff.authorization(), "ListAlertsByRaiser", importer.strip(),
                        Integer.toString(PAGE), ""));
            } catch (RefusedException | WebApplicationException e) {
                state = FormState.refused("importer", Map.of("importer", importer), e);
            }
        }
        final Map<String, String> query = new LinkedHashMap<>(pack);
        query.put("importer", importer == null ? "" : importer);
        return Templates.audit(staff, query, history, packAsked && state.code() == null, imports, raised,
                importerAsked && state.code() == null, state);
    }

    // The contract

    /**
     * A form sent by the signed-in regulator, submitted, and its page again with what it did or why not.
     *
     * @throws WebApplicationException a redirect or 403 page for anyone else, or a 403 for a forged form
     */
    private TemplateInstance sent(final String cookie, final String csrf,
            final BiFunction<Staff, FormState, TemplateInstance> page, final String form,
            final Map<String, String> values, final Function<JsonNode, String> done, final String function,
            final String... arguments) {
        final Staff staff = sessions.require(cookie, "REGULATOR");
        StaffSessions.checkForm(staff, csrf);
        return page.apply(staff, write(staff, form, values, done, function, arguments));
    }

    /** Submits a form's transaction: what it did, or the contract's refusal with the values typed. */
    private FormState write(final Staff staff, final String form, final Map<String, String> values,
            final Function<JsonNode, String> done, final String function, final String... arguments) {
        return FormState.written(form, values, () -> calls.submit(staff.authorization(), null, function, arguments),
                done);
    }

    /** Every record of a listing, page after page through its bookmark, up to {@code cap}. */
    private Listing listing(final Staff staff, final int cap, final String function, final String... leading) {
        final List<Map<String, Object>> records = new ArrayList<>();
        String bookmark = "";
        while (records.size() < cap) {
            final int size = Math.min(PAGE, cap - records.size());
            final String[] arguments = Arrays.copyOf(leading, leading.length + 2);
            arguments[leading.length] = Integer.toString(size);
            arguments[leading.length + 1] = bookmark;
            final JsonNode page = calls.read(staff.authorization(), function, arguments);
            final List<Map<String, Object>> rows = Rows.of(page);
            records.addAll(rows);
            bookmark = page.path("bookmark").asText("");
            if (rows.size() < size || bookmark.isEmpty()) {
                return new Listing(records, false);
            }
        }
        return new Listing(records, true);
    }

    private static LocalDate utcDay(final String instant) {
        try {
            return LocalDate.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return LocalDate.MIN;
        }
    }
}
