package org.dawaledger.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path data;

    @Test
    void anIssuedTokenNamesItsParticipantAndTheFileKeepsNoSecret() throws Exception {
        final TokenStore tokens = new TokenStore(data);

        final String token = tokens.issue("pharmacy");

        assertThat(tokens.participant(token)).contains("pharmacy");
        final String file = Files.readString(data.resolve("tokens.properties"));
        assertThat(file).doesNotContain(token.substring(13));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tokens.properties"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aRevokedTokenNamesNobodyAtOnceEvenForAStoreThatReadItBefore() {
        final TokenStore gateway = new TokenStore(data);
        final String token = new TokenStore(data).issue("pharmacy");
        assertThat(gateway.participant(token)).contains("pharmacy");

        new TokenStore(data).revoke(token.substring(4, 12));

        assertThat(gateway.participant(token)).isEmpty();
    }

    @Test
    void aForgedSecretAnUnknownIdAndMalformedTokensNameNobody() {
        final TokenStore tokens = new TokenStore(data);
        final String token = tokens.issue("regulator");
        final String forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

        assertThat(tokens.participant(forged)).isEmpty();
        assertThat(tokens.participant("dlt_00000000_" + token.substring(13))).isEmpty();
        assertThat(tokens.participant(token.substring(0, 12))).isEmpty();
        assertThat(tokens.participant("")).isEmpty();
        assertThat(tokens.participant(null)).isEmpty();
        assertThat(tokens.participant(token.replace("dlt_", "xyz_"))).isEmpty();
    }

    @Test
    void theListShowsEveryTokenWithItsStatus() {
        final TokenStore tokens = new TokenStore(data);
        final String kept = tokens.issue("pharmacy");
        final String revoked = tokens.issue("manufacturer");
        tokens.revoke(revoked.substring(4, 12));

        assertThat(tokens.list()).extracting(TokenStore.Entry::participant, TokenStore.Entry::revoked)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pharmacy", false),
                        org.assertj.core.groups.Tuple.tuple("manufacturer", true));
        assertThat(tokens.participant(kept)).contains("pharmacy");
    }

    @Test
    void theCommandIssuesOnlyForTheWalletsParticipantsAndSaysSoOtherwise() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(TokenCommand.run(new String[] {"issue", "pharmacy"}, data, print(out), print(err))).isZero();
        assertThat(new TokenStore(data).participant(out.toString(StandardCharsets.UTF_8).strip()))
                .contains("pharmacy");
        assertThat(TokenCommand.run(new String[] {"issue", "somebody"}, data, print(out), print(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no participant somebody");
        assertThat(TokenCommand.run(new String[] {"revoke", "00000000"}, data, print(out), print(err)))
                .isEqualTo(1);
        assertThat(TokenCommand.run(new String[] {"frobnicate"}, data, print(out), print(err))).isEqualTo(2);
    }

    private static PrintStream print(final ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
