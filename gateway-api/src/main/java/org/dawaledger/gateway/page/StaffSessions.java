package org.dawaledger.gateway.page;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.dawaledger.gateway.transaction.ContractCalls;
import org.dawaledger.ledger.RefusedException;

/**
 * Sign-in for the pages, on the gateway's own authentication: the participant's bearer token, kept in an HttpOnly,
 * SameSite=Strict cookie, checked on every request as the API checks it (a revoked token signs the page out). Every
 * form carries a token derived from the session's, so that no other site can post one.
 */
@ApplicationScoped
public class StaffSessions {
    /** The session cookie: the bearer token. */
    static final String COOKIE = "dawaledger_session";

    private final ContractCalls calls;

    StaffSessions(final ContractCalls calls) {
        this.calls = calls;
    }

    /**
     * The participant a token acts as, if the gateway issued it and the ledger knows the participant.
     *
     * @return empty for a missing, unknown or revoked token, or one whose participant is not on the ledger
     */
    public Optional<Staff> of(final String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            final JsonNode participant = calls.read("Bearer " + token.strip(), "WhoAmI").path("participant");
            if (participant.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(new Staff(token.strip(), participant.path("gln").asText(),
                    participant.path("role").asText(), participant.path("legalName").asText(), csrf(token.strip())));
        } catch (WebApplicationException | RefusedException e) {
            return Optional.empty();
        }
    }

    /**
     * The signed-in participant of a page, who must have one of the roles.
     *
     * @throws WebApplicationException a redirect to the sign-in page when nobody is signed in, or a 403 page when
     *     the participant's role may not use this page
     */
    public Staff require(final String cookie, final String... roles) {
        final Staff staff = of(cookie).orElseThrow(() -> new WebApplicationException(
                Response.seeOther(URI.create("/sign-in")).cookie(expired()).build()));
        if (!staff.hasRole(roles)) {
            throw new WebApplicationException(Response.status(403).type("text/html;charset=UTF-8")
                    .entity(StaffPages.Templates.refused(staff, String.join(" or ", roles).toLowerCase(
                            java.util.Locale.ROOT)).render()).build());
        }
        return staff;
    }

    /**
     * Checks a form's anti-forgery token.
     *
     * @throws WebApplicationException a 403 page if the form did not come from this session's page
     */
    public static void checkForm(final Staff staff, final String csrf) {
        if (csrf == null || !MessageDigest.isEqual(staff.csrf().getBytes(StandardCharsets.UTF_8),
                csrf.getBytes(StandardCharsets.UTF_8))) {
            throw new WebApplicationException(Response.status(403).type("text/plain;charset=UTF-8")
                    .entity("This form did not come from your signed-in page: open the page again and resend it.")
                    .build());
        }
    }

    /** The session cookie for a token. */
    static NewCookie cookie(final String token, final boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** A cookie that ends the session. */
    static NewCookie expired() {
        return new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true).maxAge(0)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    private static String csrf(final String token) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(("dawaledger-form\u0000" + token)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
