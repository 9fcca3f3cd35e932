package org.dawaledger.ledger;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaincode refused a transaction (an error response), or the peer refused its proposal: nothing was ordered and
 * nothing changed. DawaLedger's contract starts every refusal's message with its error code, {@code [CODE]}.
 */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("^\\[([A-Z][A-Z0-9_]*)\\]");

    private final int status;

    /**
     * A refusal.
     *
     * @param status the chaincode's response status (500 for a refusal), or 0 when the peer refused the proposal
     * @param message the chaincode's or the peer's message
     */
    public RefusedException(final int status, final String message) {
        super(message);
        this.status = status;
    }

    /** The chaincode's response status, or 0 when the peer refused the proposal before any chaincode ran. */
    public int status() {
        return status;
    }

    /** The message without its leading {@code [CODE] }: what the refusal says; empty when there is no message. */
    public String detail() {
        return getMessage() == null ? "" : CODE.matcher(getMessage()).replaceFirst("").stripLeading();
    }

    /** The error code at the start of the message, if it has one. */
    public Optional<String> code() {
        final Matcher matcher = CODE.matcher(getMessage() == null ? "" : getMessage());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
