/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.network;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers a test starts. Taken below Linux's ephemeral range (32768 and up): a port there that is free
 * now can be taken by any outgoing connection in the seconds before a gateway binds it, and on a machine running a
 * Fabric network such connections are many.
 */
final class FreePorts {
    private static final int FROM = 20_000;
    private static final int TO = 32_000;

    private FreePorts() {
    }

    /**
     * A run of free ports.
     * @param count how many, one after another.
     * @return the first of them.
     * @throws IllegalStateException if no such run was found after many tries.
     */
    static int run(final int count) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            final int first = ThreadLocalRandom.current().nextInt(FROM, TO - count);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                free = bindable(port);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free ports in a row between " + FROM + " and " + TO);
    }

    /** One free port. */
    static int one() {
        return run(1);
    }

    private static boolean bindable(final int port) {
        // Bound as a gateway binds it, on every address.
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
