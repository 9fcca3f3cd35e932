/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.util.Map;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.ColorScheme;

/**
 * Whether output is coloured: on a terminal, unless {@code NO_COLOR} is set (https://no-color.org).
 */
final class Colours {
    private Colours() {
    }

    static ColorScheme scheme(final ColorScheme scheme) {
        return new ColorScheme.Builder(scheme).ansi(ansi(System.getenv())).build();
    }

    static Ansi ansi(final Map<String, String> environment) {
        final String noColour = environment.get("NO_COLOR");
        return noColour != null && !noColour.isEmpty() ? Ansi.OFF : Ansi.AUTO;
    }
}
