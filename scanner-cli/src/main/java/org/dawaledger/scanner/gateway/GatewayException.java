/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import io.grpc.Status;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A call the gateway did not answer: it could not be reached, or it refused the call (its code and detail). */
public final class GatewayException extends RuntimeException {
    private static final Pattern CODED = Pattern.compile("^\\[([A-Z_]+)\\] ?(.*)$", Pattern.DOTALL);

    private final boolean unreachable;
    private final String code;
    private final String detail;
    private final int answered;
    private final Status.Code status;

    private GatewayException(final Status.Code status, final boolean unreachable, final String code,
            final String detail, final int answered, final Throwable cause) {
        super("[" + code + "] " + detail, cause);
        this.status = status;
        this.unreachable = unreachable;
        this.code = code;
        this.detail = detail;
        this.answered = answered;
    }

    static GatewayException of(final Throwable failure, final int answered) {
        final Status status = Status.fromThrowable(failure);
        final Throwable tls = tlsFailure(failure);
        if (tls != null) {
            // Reached, but not understood: queuing would hide a setting to fix, and never drain.
            return new GatewayException(status.getCode(), false, "TLS_FAILED", "TLS with the gateway failed (a "
                    + "gateway without TLS needs --plaintext; one whose certificate a private CA signed, --tls-ca): "
                    + brief(tls.getMessage()), answered, failure);
        }
        final boolean unreachable = status.getCode() == Status.Code.UNAVAILABLE
                || status.getCode() == Status.Code.DEADLINE_EXCEEDED;
        final String description = status.getDescription() == null ? "" : status.getDescription();
        final Matcher coded = CODED.matcher(description);
        if (coded.matches() && !unreachable) {
            return new GatewayException(status.getCode(), false, coded.group(1), coded.group(2), answered, failure);
        }
        final String code = unreachable ? "GATEWAY_UNREACHABLE" : status.getCode().name();
        final Throwable cause = status.getCause();
        final String detail = cause == null || cause.getMessage() == null ? description
                : description.isEmpty() ? cause.getMessage() : description + ": " + cause.getMessage();
        return new GatewayException(status.getCode(), unreachable, code, detail == null ? "" : detail, answered,
                failure);
    }

    /** @return whether the gateway could not be reached (or did not answer in time): the call may be queued. */
    public boolean unreachable() {
        return unreachable;
    }

    /** Netty's TLS messages may carry the bytes received, in hex: the words are enough. */
    private static String brief(final String message) {
        final String text = message == null ? "" : message;
        final int colon = text.indexOf(':');
        return colon > 0 ? text.substring(0, colon) : text;
    }

    private static Throwable tlsFailure(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException || cause.getClass().getSimpleName().contains("Ssl")) {
                return cause;
            }
        }
        return null;
    }

    /**
     * @return whether the same call may succeed later unchanged: the gateway was unreachable, or the refusal is the
     *     caller's (its token, its rate) or the gateway's own failure, not the scan's.
     */
    public boolean retryable() {
        return unreachable || switch (status) {
            case UNAUTHENTICATED, PERMISSION_DENIED, RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, CANCELLED, ABORTED -> true;
            default -> false;
        };
    }

    /** @return the gateway's code ({@code UNAUTHENTICATED}, {@code INVALID_SCAN}…), or GATEWAY_UNREACHABLE. */
    public String code() {
        return code;
    }

    /** @return what the gateway said, without the code. */
    public String detail() {
        return detail;
    }

    /** @return for a stream, how many scans were answered before it failed. */
    public int answered() {
        return answered;
    }
}
