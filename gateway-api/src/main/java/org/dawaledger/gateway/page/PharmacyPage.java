package org.dawaledger.gateway.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.transaction.ContractCalls;
import org.dawaledger.gateway.verify.Verifier;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.RefusedException;

/**
 * The pharmacy's counter: scan packs to verify or dispense them, each answered on its own; the packs dispensed today;
 * the alerts this pharmacy raised.
 */
@Path("/pharmacy")
@Produces(MediaType.TEXT_HTML)
public class PharmacyPage {
    /** At most this many scans in one form: a day's counter, not a warehouse (the scanner is for that). */
    static final int MAX_SCANS = 200;

    /**
     * One scanned line's answer.
     *
     * @param tone ok, warn or bad
     * @param code the verdict (verify) or the outcome code (dispense)
     * @param message what the ledger said
     * @param alert the alert raised for it, if any
     */
    public record ScanResult(String scan, String tone, String code, String message, String alert) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance counter(Staff staff, String today, String scans, String action,
                List<ScanResult> results, FormState state, List<Map<String, Object>> dispensed,
                List<Map<String, Object>> alerts);
    }

    private final StaffSessions sessions;
    private final ContractCalls calls;
    private final SignIn signIn;
    private final Verifier verifier;

    PharmacyPage(final StaffSessions sessions, final ContractCalls calls, final SignIn signIn,
            final Verifier verifier) {
        this.sessions = sessions;
        this.calls = calls;
        this.signIn = signIn;
        this.verifier = verifier;
    }

    @GET
    public TemplateInstance counter(@CookieParam(StaffSessions.COOKIE) final String cookie) {
        final Staff staff = sessions.require(cookie, "PHARMACY");
        return page(staff, "", "verify", List.of(), FormState.NONE);
    }

    @POST
    @Path("scan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance scan(@CookieParam(StaffSessions.COOKIE) final String cookie,
            @FormParam("csrf") final String csrf, @FormParam("scans") final String scans,
            @FormParam("action") final String action) {
        final Staff staff = sessions.require(cookie, "PHARMACY");
        StaffSessions.checkForm(staff, csrf);
        final List<String> lines = (scans == null ? "" : scans).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        final Map<String, String> values = Map.of("scans", scans == null ? "" : scans);
        if (lines.isEmpty() || lines.size() > MAX_SCANS) {
            return page(staff, scans, action, List.of(), FormState.refused("scan", values, new RefusedException(0,
                    "[INVALID_ARGUMENT] scans: " + (lines.isEmpty() ? "scan or type at least one pack's code"
                            : "at most " + MAX_SCANS + " packs at once; this form has " + lines.size()))));
        }
        final List<ScanResult> results = "dispense".equals(action) ? dispense(staff, lines) : verify(staff, lines);
        return page(staff, "", "dispense".equals(action) ? "dispense" : "verify", results, FormState.NONE);
    }

    private List<ScanResult> verify(final Staff staff, final List<String> lines) {
        final Caller caller = signIn.require(staff.authorization());
        final List<ScanResult> results = new ArrayList<>();
        for (final String line : lines) {
            try {
                final JsonNode answer = verifier.verifyAs(caller, Verifier.fields(line, null, null, null, null), null);
                final JsonNode verdict = answer.path("verdict");
                final String code = verdict.path("verdict").asText();
                final JsonNode alert = answer.path("alert");
                results.add(new ScanResult(line, VerificationView.tone(code), code, verdict.path("message").asText(),
                        alert.path("alertId").asText(null)));
            } catch (Gs1FormatException | RefusedException | WebApplicationException e) {
                results.add(refused(line, e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return results;
    }

    /** One DispensePacks for every readable scan: the contract answers each pack on its own. */
    private List<ScanResult> dispense(final Staff staff, final List<String> lines) {
        final List<ScanResult> results = new ArrayList<>();
        final List<Integer> sent = new ArrayList<>();
        final ArrayNode packs = JsonNodeFactory.instance.arrayNode();
        for (final String line : lines) {
            try {
                final String[] fields = Verifier.fields(line, null, null, null, null);
                final ObjectNode pack = packs.addObject().put("gtin", fields[0]).put("serial", fields[1]);
                if (!fields[2].isEmpty()) {
                    pack.put("lot", fields[2]);
                }
                if (!fields[3].isEmpty()) {
                    pack.put("expiry", fields[3]);
                }
                sent.add(results.size());
                results.add(null);
            } catch (Gs1FormatException | RefusedException | WebApplicationException e) {
                results.add(refused(line, e));
            }
        }
        if (packs.isEmpty()) {
            return results;
        }
        try {
            final JsonNode outcomes = calls.submit(staff.authorization(), null, "DispensePacks",
                    ContractCalls.json(packs)).path("result");
            for (int i = 0; i < sent.size(); i++) {
                final JsonNode outcome = outcomes.path(i);
                final boolean accepted = outcome.path("accepted").asBoolean();
                results.set(sent.get(i), new ScanResult(lines.get(sent.get(i)), accepted ? "ok" : "bad",
                        outcome.path("code").asText(), outcome.path("message").asText(),
                        outcome.path("alertId").asText(null)));
            }
        } catch (RefusedException | WebApplicationException e) {
            for (final int index : sent) {
                results.set(index, refused(lines.get(index), e));
            }
        }
        return results;
    }

    private static ScanResult refused(final String line, final RuntimeException e) {
        final FormState state = FormState.refused("scan", Map.of(), e);
        return new ScanResult(line, "bad", state.code(), state.message(), null);
    }

    private TemplateInstance page(final Staff staff, final String scans, final String action,
            final List<ScanResult> results, final FormState state) {
        final String today = LocalDate.now(ZoneOffset.UTC).toString();
        final List<Map<String, Object>> dispensed = Rows.of(calls.read(staff.authorization(), "ListDispensedPacks",
                staff.gln(), today, "100", ""));
        final List<Map<String, Object>> alerts = Rows.of(calls.read(staff.authorization(), "ListAlertsByRaiser",
                staff.gln(), "50", ""));
        return Templates.counter(staff, today, scans, action, results, state, dispensed, alerts);
    }
}
