package org.dawaledger.ledger.store;

/** The store failed to read or write (a full disk, a damaged file, a store opened twice). */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public StoreException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** A failure without a cause. */
    public StoreException(final String message) {
        super(message);
    }
}
