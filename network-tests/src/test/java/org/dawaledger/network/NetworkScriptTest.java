package org.dawaledger.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** network.sh without Fabric: how it says where Fabric must come from, and what it does without a network. */
class NetworkScriptTest {
    private static final Path SCRIPT = Path.of("../network-config/network.sh").toAbsolutePath().normalize();

    @TempDir
    Path empty;

    private record Run(int exit, String output) {
    }

    private Run run(final Map<String, String> environment, final String... arguments)
            throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("FABRIC_HOME");
        builder.environment().putAll(environment);
        final Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void aFabricHomeThatIsNotOneIsRefusedWithWhatItLacks() throws Exception {
        Files.createDirectories(empty.resolve("bin"));

        final Run install = run(Map.of("FABRIC_HOME", empty.toString()), "install");

        assertThat(install.exit()).isNotZero();
        assertThat(install.output()).contains("FABRIC_HOME=" + empty).contains("bin/peer reporting 3.1.5")
                .contains("builders/ccaas/bin");
    }

    @Test
    void withoutAFabricHomeACacheOrTheDownloadItNamesTheThreeWays() throws Exception {
        // An empty cache, and a download that cannot reach anything (a proxy on a closed port).
        final Run install = run(Map.of("XDG_CACHE_HOME", empty.toString(), "https_proxy", "http://127.0.0.1:9",
                "HTTPS_PROXY", "http://127.0.0.1:9"), "install");

        assertThat(install.exit()).isNotZero();
        assertThat(install.output()).contains("Fabric 3.1.5 not found").contains("set FABRIC_HOME")
                .contains(empty.resolve("dawaledger/fabric-3.1.5").toString())
                .contains("hyperledger-fabric-linux-amd64-3.1.5.tar.gz");
        assertThat(empty.resolve("dawaledger/fabric-3.1.5/bin")).doesNotExist();
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        final Run help = run(Map.of(), "help");

        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("install", "up", "down", "stop", "start", "status", "deploy", "logs",
                "bench");
    }

    @Test
    void anUnknownCommandIsRefused() throws Exception {
        final Run unknown = run(Map.of(), "launch");

        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("unknown command launch");
    }
}
