package org.dawaledger.network.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** What the network benchmarks' commands take, and how they name the serials of the lots they commission. */
final class BenchArguments {
    private BenchArguments() {
    }

    /**
     * Options given as {@code --name value} pairs.
     *
     * @param usage the command's usage, for the error
     * @param required options that must be given
     * @throws IllegalArgumentException if a name has no value or a required option is missing
     */
    static Map<String, String> options(final String[] args, final String usage, final String... required) {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.keySet().containsAll(Arrays.asList(required))) {
            throw new IllegalArgumentException("usage: " + usage + "; got " + Arrays.toString(args));
        }
        return options;
    }

    /** The serial of pack {@code n} (from 1) of a lot. */
    static String serial(final String lot, final int n) {
        return String.format(Locale.ROOT, "%s-%07d", lot, n);
    }
}
