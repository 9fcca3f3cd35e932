/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where scans come from: the codes given as arguments, else standard input, one scan per line.
 */
final class ScanInputs {
    private ScanInputs() {
    }

    static List<Scan> of(final List<String> arguments, final InputStream stdin) {
        final List<Scan> scans = new ArrayList<>();
        if (arguments != null && !arguments.isEmpty()) {
            for (int i = 0; i < arguments.size(); i++) {
                scans.add(new Scan("argument " + (i + 1), arguments.get(i)));
            }
            return scans;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    scans.add(new Scan("stdin line " + number, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read standard input", e);
        }
        return scans;
    }
}
