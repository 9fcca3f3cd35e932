package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar exactly as a peer's chaincode-as-a-service deployment does, with a clean environment, and
 * checks that it serves on the address it was given.
 */
class ChaincodeServiceIT {

    @Test
    void thePackagedJarStartsAsAChaincodeServiceOnTheGivenAddress() throws Exception {
        final Path jar = Path.of(System.getProperty("chaincode.jar", "target/dawaledger-chaincode.jar"));
        assertThat(jar).exists();
        final int port = freePort();
        final Path log = Files.createTempFile("chaincode-service", ".log");
        final ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-jar", jar.toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // A clean environment, as fabric-native.md advises: an inherited CORE_PEER_TLS_ENABLED would switch on TLS.
        builder.environment().clear();
        builder.environment().putAll(Map.of(
                "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port,
                "CORE_CHAINCODE_ID_NAME", "dawaledger_1.0:0000000000000000000000000000000000000000000000000000000000000000",
                "CORE_PEER_TLS_ENABLED", "false"));
        final Process process = builder.start();
        try {
            final Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            boolean listening = false;
            while (!listening && process.isAlive() && Instant.now().isBefore(deadline)) {
                listening = accepts(port);
                if (!listening) {
                    Thread.sleep(200);
                }
            }
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(listening).as("chaincode service listening on %d; its log:%n%s", port, output).isTrue();
            assertThat(process.isAlive()).isTrue();
            assertThat(output).contains("Starting chaincode as server");
        } finally {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        }
    }

    private static boolean accepts(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
