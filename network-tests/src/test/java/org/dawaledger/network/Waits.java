package org.dawaledger.network;

/** The network's tests wait for blocks to reach a peer or a copy by polling. */
final class Waits {
    private Waits() {
    }

    /**
     * Sleeps between two polls.
     *
     * @throws IllegalStateException if interrupted, which ends the test
     */
    static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
