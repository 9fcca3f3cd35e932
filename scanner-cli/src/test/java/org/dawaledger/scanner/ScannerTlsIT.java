/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real gateway serving gRPC over TLS, configured as docs/operations.md says (a PKCS#12 key store made with the
 * JDK's keytool), and the scanner's jar checking its certificate against --tls-ca.
 */
class ScannerTlsIT {
    private static final Path SCANNER = Path.of(System.getProperty("scanner.jar", "target/dawa-scan.jar"));
    private static final String GENUINE = "(01)08960001000015(21)PAN000002(10)PAN2401(17)281231";

    private final Path folder = Path.of("target", "scanner-tls-it-" + UUID.randomUUID()).toAbsolutePath();

    private static void run(final String... command) throws Exception {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    /** What a scanner run printed on stdout and stderr, and how it exited. */
    private record Scanned(int exit, String out, String err) {
    }

    private Scanned scan(final String... options) throws Exception {
        final List<String> command = new ArrayList<>(List.of(GatewayRun.JAVA, "-jar", SCANNER.toString(),
                "verify", "--queue", folder.resolve("queue.db").toString()));
        command.addAll(List.of(options));
        command.add(GENUINE);
        final Path err = folder.resolve("scan-" + UUID.randomUUID() + ".err");
        final Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        final String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Scanned(process.exitValue(), out, Files.readString(err, UTF_8));
    }

    @Test
    void aGatewayServingTlsIsCheckedAgainstItsCaAndAnUntrustedCertificateIsAnErrorNotAQueuedScan() throws Exception {
        Files.createDirectories(folder);
        final Path keyStore = folder.resolve("gateway-tls.p12");
        final Path ca = folder.resolve("gateway-ca.pem");
        final String keytool = GatewayRun.jdkTool("keytool");
        run(keytool, "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore",
                keyStore.toString(), "-storetype", "PKCS12", "-storepass", "test-only-password");
        run(keytool, "-exportcert", "-rfc", "-alias", "gateway", "-keystore", keyStore.toString(), "-storepass",
                "test-only-password", "-file", ca.toString());

        try (GatewayRun gateway = new GatewayRun(folder.resolve("gateway"))
                .with("QUARKUS_GRPC_SERVER_SSL_KEY_STORE", keyStore.toString())
                .with("QUARKUS_GRPC_SERVER_SSL_KEY_STORE_PASSWORD", "test-only-password").start()) {
            final Scanned trusted = scan("--gateway", gateway.grpcAddress(), "--tls-ca", ca.toString());
            assertThat(trusted.exit()).as(trusted.err()).isEqualTo(ExitCodes.OK);
            assertThat(trusted.out()).startsWith("argument 1: ACTIVE");

            final Scanned untrusted = scan("--gateway", gateway.grpcAddress());
            assertThat(untrusted.exit()).isEqualTo(ExitCodes.ERROR);
            assertThat(untrusted.err()).contains("[TLS_FAILED]");

            // Plaintext to a TLS-only gateway: the gateway just closes the connection, which the scanner cannot
            // tell from a gateway going down, so the scan is queued (and sync will fail the same way until fixed).
            final Scanned plaintext = scan("--gateway", gateway.grpcAddress(), "--plaintext");
            assertThat(plaintext.exit()).as(plaintext.out() + plaintext.err()).isEqualTo(ExitCodes.QUEUED);
            assertThat(plaintext.out()).startsWith("argument 1: QUEUED");
        }
    }
}
