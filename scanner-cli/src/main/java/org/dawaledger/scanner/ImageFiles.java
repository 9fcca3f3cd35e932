/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files are images this scanner reads: {@code .png}, {@code .jpg} and {@code .jpeg}, in any letter case.
 */
final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Whether a file name says it is an image this scanner reads.
     * @param file a path; it need not exist.
     * @return true if its name ends with .png, .jpg or .jpeg.
     */
    static boolean isImage(final Path file) {
        final Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        final String lower = name.toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    /**
     * The images directly in a folder (not in its sub-folders), sorted by name so that runs are repeatable.
     * @param folder the folder.
     * @return its image files, possibly none.
     * @throws IOException if the folder cannot be listed.
     */
    static List<Path> in(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> isImage(file) && Files.isRegularFile(file)).sorted().toList();
        }
    }
}
