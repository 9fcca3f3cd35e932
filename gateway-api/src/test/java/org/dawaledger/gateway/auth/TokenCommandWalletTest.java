package org.dawaledger.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** token.sh beside a Fabric organisation's gateway issues tokens for that organisation's participants only. */
class TokenCommandWalletTest {
    @TempDir
    Path data;

    @Test
    void onAPharmacysGatewaysDataFolderTheCommandIssuesForItsParticipantsAndRefusesAnotherOrganisations()
            throws Exception {
        // What the pharmacy's gateway records at start in its data folder (Wallet.hold).
        Files.writeString(data.resolve("wallet"), "pharmacy\npharmacy2\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(TokenCommand.run(new String[] {"issue", "pharmacy2"}, data, print(out), print(err))).isZero();
        assertThat(new TokenStore(data).participant(out.toString(StandardCharsets.UTF_8).strip()))
                .contains("pharmacy2");
        assertThat(TokenCommand.run(new String[] {"issue", "manufacturer"}, data, print(out), print(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no participant manufacturer in this gateway's wallet; it has pharmacy, pharmacy2");
        assertThat(new TokenStore(data).list()).extracting(TokenStore.Entry::participant).containsExactly("pharmacy2");
    }

    private static PrintStream print(final ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
