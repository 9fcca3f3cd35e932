package org.dawaledger.gateway.transaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.idempotency.IdempotentWrites;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.Evaluated;
import org.dawaledger.ledger.Submitted;

/**
 * The contract's transactions as the REST API runs them, as the signed-in participant: writes submitted (once per
 * {@code Idempotency-Key}) and answered as {@code {result, transactionId, block, validation}}; reads evaluated on the
 * local copy and answered as the contract answers, with the block they reflect in the {@code Ledger-Block} header.
 * The contract decides every rule: arguments pass through as text, so its own codes name what is wrong.
 */
@ApplicationScoped
public class ContractCalls {
    /** Where a read's answer says which block it reflects. */
    public static final String BLOCK_HEADER = "Ledger-Block";

    /** An MVCC loser is resubmitted: it then answers from the state that won. */
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayLedger ledger;
    private final SignIn signIn;
    private final IdempotentWrites writes;

    ContractCalls(final GatewayLedger ledger, final SignIn signIn, final IdempotentWrites writes) {
        this.ledger = ledger;
        this.signIn = signIn;
        this.writes = writes;
    }

    /**
     * Submits a transaction as the caller the token names.
     *
     * @param idempotencyKey the client's key, or null: a retry with the same key answers the first outcome
     * @param arguments the contract's arguments, in its order; null passes as the empty string (an absent optional)
     * @throws WebApplicationException a 401 problem without a valid token, a 409 problem if the transaction lost
     *     every race it was resubmitted for (nothing changed), or a 422 if the key was used for another request
     * @throws org.dawaledger.ledger.RefusedException if the contract refused it (a problem with its code)
     */
    public JsonNode submit(final String authorization, final String idempotencyKey, final String function,
            final String... arguments) {
        final Caller caller = signIn.require(authorization);
        final String[] args = text(arguments);
        final ArrayNode request = JSON.createArrayNode().add(function);
        for (final String argument : args) {
            request.add(argument);
        }
        try {
            return writes.once(caller.mspId() + "\u0000" + caller.certificatePem(), idempotencyKey, request, () -> {
                final Submitted submitted = ledger.ledger().submitResolvingConflicts(caller, ATTEMPTS, function, args);
                if (!submitted.isValid()) {
                    // Not kept by the idempotency record: nothing was written, so a retry runs again.
                    throw new WebApplicationException(Problem.response(409, submitted.validationCode().name(), null,
                            "the transaction " + submitted.transactionId() + " was not committed ("
                                    + submitted.validationCode() + "): nothing changed; send it again"));
                }
                final ObjectNode answer = JSON.createObjectNode();
                answer.set("result", JSON.readTree(submitted.answer()));
                answer.put("transactionId", submitted.transactionId());
                answer.put("block", submitted.blockNumber());
                answer.put("validation", submitted.validationCode().name());
                return answer;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Evaluates a read-only transaction on the local copy, as the caller the token names.
     *
     * @throws WebApplicationException a 401 problem without a valid token
     * @throws org.dawaledger.ledger.RefusedException if the contract refused it (a problem with its code)
     */
    public Response evaluate(final String authorization, final String function, final String... arguments) {
        final Caller caller = signIn.require(authorization);
        final Evaluated evaluated = ledger.ledger().evaluate(caller, function, text(arguments));
        return Response.ok(evaluated.answer(), jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
                .header(BLOCK_HEADER, evaluated.blockNumber()).build();
    }

    /**
     * Evaluates a read-only transaction on the local copy, as the caller the token names, and answers it parsed: for
     * the pages, which render the answer rather than pass it on.
     *
     * @throws WebApplicationException a 401 problem without a valid token
     * @throws org.dawaledger.ledger.RefusedException if the contract refused it (a problem with its code)
     */
    public JsonNode read(final String authorization, final String function, final String... arguments) {
        final Caller caller = signIn.require(authorization);
        try {
            return JSON.readTree(ledger.ledger().evaluate(caller, function, text(arguments)).answer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON argument (a list or object the contract reads strictly) as its text; absent is the empty string. */
    public static String json(final JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request's body, or when it has none an empty one: the contract then names the first argument missing. */
    public static <T> T orEmpty(final T body, final T empty) {
        return body == null ? empty : body;
    }

    private static String[] text(final String... arguments) {
        final String[] args = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            args[i] = arguments[i] == null ? "" : arguments[i];
        }
        return args;
    }
}
