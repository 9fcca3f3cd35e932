/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.Objects;

/**
 * Thrown for GS1 data that breaks a rule; says which field and why.
 * <p>It is an {@link IllegalArgumentException} so that callers that only care whether input was acceptable need not
 * know about GS1.</p>
 */
public final class Gs1FormatException extends IllegalArgumentException {
    /** Version of the serialised form. */
    private static final long serialVersionUID = 1L;

    private final Gs1Field field;

    /**
     * Creates an exception for a problem in one field.
     * @param field the field the problem was found in.
     * @param message what is wrong, for a person to read.
     * @throws NullPointerException if {@code field} is null.
     */
    public Gs1FormatException(final Gs1Field field, final String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /**
     * The field the problem was found in.
     * @return a field; never null.
     */
    public Gs1Field field() {
        return field;
    }
}
