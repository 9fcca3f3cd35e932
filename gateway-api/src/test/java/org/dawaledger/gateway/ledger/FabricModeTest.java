package org.dawaledger.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.identity.LocalCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in Fabric mode, without a network: its configuration, its identities folder and the wallet it holds.
 * (The gateways on the real network are network-tests' GatewaysIT.)
 */
class FabricModeTest {
    @TempDir
    Path folder;

    /** The wallet is the process's: the embedded one again for the gateway tests that share this JVM. */
    @AfterEach
    void restoreTheEmbeddedWallet() {
        Wallet.holdEmbedded(folder.resolve("restored"));
    }

    /** An MSP folder as cryptogen writes one, for a member of a CA of the test's own. */
    private Path msp(final LocalCa ca, final String member) throws IOException {
        ca.member(member, LocalCa.Role.CLIENT);
        final Path issued = folder.resolve("ca").resolve("members").resolve(member);
        final Path msp = folder.resolve("msp").resolve(member);
        Files.createDirectories(msp.resolve("signcerts"));
        Files.createDirectories(msp.resolve("keystore"));
        Files.copy(issued.resolve("cert.pem"), msp.resolve("signcerts").resolve(member + "@example-cert.pem"));
        Files.copy(issued.resolve("key.pem"), msp.resolve("keystore").resolve("priv_sk"));
        return msp;
    }

    private Path identities(final String... members) throws IOException {
        final LocalCa ca = LocalCa.open(folder.resolve("ca"), "PharmacyMSP");
        final Path identities = Files.createDirectories(folder.resolve("identities"));
        for (final String member : members) {
            Files.createSymbolicLink(identities.resolve(member), msp(ca, member));
        }
        return identities;
    }

    private GatewayConfig config(final Map<String, String> properties) {
        final Map<String, String> all = new HashMap<>(Map.of("dawaledger.ledger", "fabric", "dawaledger.data-dir",
                folder.resolve("data").toString()));
        all.putAll(properties);
        final SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withDefaultValues(all).build();
        return config.getConfigMapping(GatewayConfig.class);
    }

    @Test
    void theIdentitiesFolderGivesOneCallerPerParticipantFolderWithItsCertificateAndKey() throws IOException {
        final Path identities = identities("pharmacy", "pharmacy2");

        final Map<String, Caller> read = FabricIdentities.read(identities, "PharmacyMSP");

        assertThat(read).containsOnlyKeys("pharmacy", "pharmacy2");
        assertThat(read.get("pharmacy2").mspId()).isEqualTo("PharmacyMSP");
        assertThat(read.get("pharmacy2").certificate().getSubjectX500Principal().getName()).contains("pharmacy2");
        final byte[] signed = read.get("pharmacy").sign(new byte[] {1, 2, 3});
        assertThat(signed).isNotEmpty();
    }

    @Test
    void anIdentitiesFolderWithNoParticipantAMisnamedOneOrTwoCertificatesIsRefusedSayingWhere() throws IOException {
        final Path empty = Files.createDirectories(folder.resolve("empty"));
        assertThatThrownBy(() -> FabricIdentities.read(empty, "PharmacyMSP"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no participant's folder");

        final Path identities = identities("pharmacy");
        Files.createDirectories(identities.resolve("Pharmacy One"));
        assertThatThrownBy(() -> FabricIdentities.read(identities, "PharmacyMSP"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Pharmacy One")
                .hasMessageContaining("is not named as a participant");
        Files.delete(identities.resolve("Pharmacy One"));

        final Path signcerts = identities.resolve("pharmacy").resolve("signcerts");
        Files.writeString(signcerts.resolve("second-cert.pem"), "");
        assertThatThrownBy(() -> FabricIdentities.read(identities, "PharmacyMSP"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(signcerts.toString())
                .hasMessageContaining("exactly one file, not 2");
    }

    @Test
    void fabricModeWithoutItsMspOrPeerOrWithAnMspOfNoOrganisationDoesNotStartAndNamesTheKey() throws IOException {
        final Path identities = identities("pharmacy");

        assertThatThrownBy(() -> new GatewayLedger(config(Map.of("dawaledger.fabric.identities",
                identities.toString())), new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dawaledger.fabric.msp-id");
        assertThatThrownBy(() -> new GatewayLedger(config(Map.of("dawaledger.fabric.identities",
                identities.toString(), "dawaledger.fabric.msp-id", "PharmacyMSP")), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dawaledger.fabric.peer-endpoint");
        assertThatThrownBy(() -> new GatewayLedger(config(Map.of("dawaledger.fabric.identities",
                identities.toString(), "dawaledger.fabric.msp-id", "Org1MSP")), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Org1MSP")
                .hasMessageContaining("PharmacyMSP");
        // Nothing of a gateway that did not start is left behind: not its wallet, not a store.
        assertThat(Wallet.participants()).contains("manufacturer");
        assertThat(folder.resolve("data")).doesNotExist();
    }

    @Test
    void aFabricGatewayHoldsItsOrganisationsParticipantsOnlyAndRecordsThemForTokenSh() throws IOException {
        final Path identities = identities("pharmacy", "pharmacy2");
        // A peer that is not there: the gateway starts, and says so when asked for the peer's height.
        final GatewayLedger ledger = new GatewayLedger(config(Map.of("dawaledger.fabric.identities",
                identities.toString(), "dawaledger.fabric.msp-id", "PharmacyMSP", "dawaledger.fabric.peer-endpoint",
                "127.0.0.1:1", "dawaledger.fabric.tls-ca-cert", folder.resolve("ca/ca/cert.pem").toString())),
                new SimpleMeterRegistry());
        try {
            assertThat(ledger.onFabric()).isTrue();
            assertThat(Wallet.participants()).containsExactly("pharmacy", "pharmacy2");
            assertThat(Wallet.identity("pharmacy2")).contains(new Wallet.Identity(Organisation.PHARMACY,
                    "pharmacy2"));
            assertThat(Wallet.identity("manufacturer")).isEmpty();
            assertThat(Wallet.participantsIn(folder.resolve("data"))).containsExactly("pharmacy", "pharmacy2");
            assertThat(ledger.member(Organisation.PHARMACY, "pharmacy2", LocalCa.Role.CLIENT).certificate())
                    .isEqualTo(FabricIdentities.read(identities, "PharmacyMSP").get("pharmacy2").certificate());
            assertThatThrownBy(() -> ledger.member(Organisation.MANUFACTURER, "pharmacy", LocalCa.Role.CLIENT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no MANUFACTURER");
            assertThatThrownBy(() -> ledger.member(Organisation.PHARMACY, "pharmacy3", LocalCa.Role.CLIENT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no identity pharmacy3");
            // Anonymous reads run as an identity no one licensed, of the organisation's MSP.
            assertThat(ledger.publicCaller().mspId()).isEqualTo("PharmacyMSP");
            assertThat(FabricIdentities.read(identities, "PharmacyMSP").values()).extracting(Caller::certificate)
                    .doesNotContain(ledger.publicCaller().certificate());
            assertThat(ledger.heightAtStart()).isZero();
            assertThatThrownBy(ledger::peerHeightAtStart).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the peer does not say its height");
        } finally {
            ledger.close();
        }
    }

    @Test
    void aDataFolderNoGatewayRecordedParticipantsInHasTheEmbeddedWallets() {
        assertThat(Wallet.participantsIn(folder)).containsExactly("distributor", "importer", "manufacturer",
                "pharmacy", "regulator");
    }
}
