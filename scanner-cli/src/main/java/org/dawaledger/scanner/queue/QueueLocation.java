/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.queue;

import java.nio.file.Path;
import java.util.Map;

/** Where the queue lives unless told: {@code $XDG_DATA_HOME/dawa-scan/queue.db}, else under ~/.local/share. */
public final class QueueLocation {
    private QueueLocation() {
    }

    /**
     * The default queue file for an environment.
     * @param environment the process's environment.
     * @param home the user's home folder.
     * @return the file.
     */
    public static Path defaultFile(final Map<String, String> environment, final Path home) {
        final String dataHome = environment.get("XDG_DATA_HOME");
        final Path base = dataHome != null && !dataHome.isBlank() ? Path.of(dataHome)
                : home.resolve(".local").resolve("share");
        return base.resolve("dawa-scan").resolve("queue.db");
    }
}
