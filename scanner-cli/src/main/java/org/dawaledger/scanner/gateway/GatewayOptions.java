/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dawaledger.scanner.queue.QueueLocation;
import org.dawaledger.scanner.queue.ScanQueue;
import picocli.CommandLine.Option;

/**
 * Where the gateway is, how to reach it, who calls, and where scans wait while it cannot be reached: the options of
 * every command that talks to the ledger. The token is never printed or logged.
 */
public final class GatewayOptions {
    /** Held, so that the level stays set: gRPC's informational logging is not the scanner's output. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    @Option(names = "--gateway", paramLabel = "HOST:PORT", defaultValue = "${env:DAWA_SCAN_GATEWAY:-localhost:9000}",
            description = "The gateway's gRPC address (env DAWA_SCAN_GATEWAY). Default: localhost:9000.")
    private String gateway;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:DAWA_SCAN_TOKEN}",
            description = "The bearer token the organisation's admin issued (env DAWA_SCAN_TOKEN); prefer "
                    + "--token-file or the environment, which other users' `ps` does not show. None: anonymous.")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the bearer token (its first line).")
    private Path tokenFile;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "The CA certificate (PEM) the gateway's TLS certificate is checked against. Default: the "
                    + "system's trusted CAs.")
    private Path tlsCa;

    @Option(names = "--plaintext", description = "No TLS: only for a gateway on this machine or a trusted link.")
    private boolean plaintext;

    @Option(names = "--queue", paramLabel = "FILE", defaultValue = "${env:DAWA_SCAN_QUEUE}",
            description = "The offline queue's file (env DAWA_SCAN_QUEUE). Default: $XDG_DATA_HOME/dawa-scan/"
                    + "queue.db, else ~/.local/share/dawa-scan/queue.db.")
    private Path queue;

    /**
     * Connects to the gateway (lazily: an unreachable gateway shows at the first call).
     * @return the gateway.
     * @throws UncheckedIOException if the token file or the CA certificate cannot be read.
     * @throws IllegalArgumentException if the token file is empty.
     */
    public Gateway connect() {
        GRPC_LOG.setLevel(Level.WARNING);
        return new GrpcGateway(gateway, Optional.ofNullable(tlsCa), plaintext, token());
    }

    /** @return whether the caller is signed in (a token was given). */
    public boolean signedIn() {
        return token().isPresent();
    }

    /**
     * Opens the offline queue.
     * @return the queue.
     * @throws org.dawaledger.scanner.queue.QueueException if it cannot be opened.
     */
    public ScanQueue openQueue() {
        return ScanQueue.open(queueFile());
    }

    /** @return the queue's file. */
    public Path queueFile() {
        return queue != null ? queue
                : QueueLocation.defaultFile(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    private Optional<String> token() {
        if (tokenFile != null) {
            try {
                final String first = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst()
                        .orElse("").strip();
                if (first.isEmpty()) {
                    throw new IllegalArgumentException("the token file " + tokenFile + " is empty");
                }
                return Optional.of(first);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + tokenFile, e);
            }
        }
        return token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip());
    }
}
