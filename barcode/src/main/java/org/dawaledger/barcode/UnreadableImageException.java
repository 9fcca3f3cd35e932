/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An image that gave no barcode, and why: see {@link Reason}. The message says it in words, naming the file if there
 * is one.
 */
public final class UnreadableImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an image gave no barcode. */
    public enum Reason {
        /** Not a PNG or JPEG (or WebP, where this Java has a WebP reader), judged by its first bytes. */
        UNSUPPORTED_FORMAT,
        /** Declares more than {@link BarcodeReader#MAX_PIXELS} pixels; refused before its pixels are decoded. */
        TOO_LARGE,
        /** The file cannot be read, or the image is damaged or cut short. */
        UNREADABLE,
        /** A sound image with no DataMatrix, GS1-128 or QR Code that can be read. */
        NO_BARCODE
    }

    private final Reason reason;
    private final transient Path file;

    /**
     * @param reason why.
     * @param file the image file, or null for an image given as bytes.
     * @param message what went wrong, naming the file if there is one.
     * @param cause the underlying failure, or null.
     * @throws NullPointerException if {@code reason} or {@code message} is null.
     */
    UnreadableImageException(final Reason reason, final Path file, final String message, final Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = file;
    }

    /**
     * @return why the image gave no barcode.
     */
    public Reason reason() {
        return reason;
    }

    /**
     * @return the image file; empty for an image given as bytes.
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
