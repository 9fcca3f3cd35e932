/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An image file that gave no barcode: unreadable, not an image, or no symbol found in it.
 */
public final class UnreadableImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the image file.
     * @param message what went wrong, naming the file.
     * @param cause the underlying failure, or null.
     * @throws NullPointerException if {@code file} or {@code message} is null.
     */
    public UnreadableImageException(final Path file, final String message, final Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * @return the image file.
     */
    public Path file() {
        return file;
    }
}
