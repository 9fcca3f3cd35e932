package org.dawaledger.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.ledger.Wallet;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.identity.LocalCa;

/**
 * Who calls: the participant an {@code Authorization: Bearer} token names, acting as its identity in the wallet. No
 * caller can act as another: the token alone decides the identity, and no request field names one.
 */
@ApplicationScoped
public class SignIn {
    private final TokenStore tokens;
    private final GatewayLedger ledger;
    /** Each participant's identity, read from its CA's folder once rather than on every call. */
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();

    SignIn(final GatewayConfig config, final GatewayLedger ledger) {
        this.tokens = new TokenStore(config.dataDir());
        this.ledger = ledger;
    }

    /**
     * The signed-in caller.
     *
     * @throws WebApplicationException a 401 problem if the header has no token this gateway issued, or a revoked one
     */
    public Caller require(final String authorization) {
        final String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        final String participant = tokens.participant(token).orElseThrow(() -> unauthenticated(token == null
                ? "this call needs a bearer token: Authorization: Bearer dlt_…"
                : "the bearer token is not one this gateway issued, or it was revoked"));
        final Wallet.Identity identity = Wallet.identity(participant).orElseThrow(() -> unauthenticated(
                "the token names a participant this gateway no longer holds"));
        return callers.computeIfAbsent(participant, ignored -> ledger.member(identity.organisation(),
                identity.member(), LocalCa.Role.CLIENT));
    }

    /**
     * The signed-in caller, or null for a call that sent no {@code Authorization}: where anyone may call.
     *
     * @throws WebApplicationException a 401 problem if the header has no token this gateway issued, or a revoked one
     */
    public Caller optional(final String authorization) {
        return authorization == null ? null : require(authorization);
    }

    private static WebApplicationException unauthenticated(final String detail) {
        final Response problem = Problem.response(401, "UNAUTHENTICATED", "Authorization", detail);
        return new WebApplicationException(Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dawaledger\"").build());
    }
}
