package org.dawaledger.gateway.verify;

/** A verification request with nothing to judge, neither a scan nor a GTIN: REST answers 400, gRPC INVALID_ARGUMENT. */
public final class UnjudgeableRequest extends RuntimeException {
    private final String field;

    UnjudgeableRequest(final String field, final String message) {
        super(message);
        this.field = field;
    }

    /** The input at fault. */
    public String field() {
        return field;
    }
}
