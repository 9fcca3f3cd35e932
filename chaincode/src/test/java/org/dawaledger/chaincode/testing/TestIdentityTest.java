/*
 * DawaLedger — unit-test fixture.
 */
package org.dawaledger.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

class TestIdentityTest {

    @Test
    void theContextsClientIdentityHasTheCallersMspIdAndFabricId() {
        TestIdentity caller = TestIdentity.of("ManufacturerMSP", "User1");
        InMemoryLedger ledger = new InMemoryLedger();

        ClientIdentity identity = ledger.evaluate(caller, Context::getClientIdentity);

        assertThat(identity.getMSPID()).isEqualTo("ManufacturerMSP");
        assertThat(identity.getId()).isEqualTo(caller.fabricId());
        assertThat(identity.getX509Certificate()).isEqualTo(caller.certificate());
    }

    @Test
    void contextsMadeDirectlyFromAStubSeeTheSameIdentity() {
        TestIdentity caller = TestIdentity.of("DistributorMSP", "User2");

        String id = new InMemoryLedger().evaluate(caller,
                ctx -> new Context(ctx.getStub()).getClientIdentity().getId());

        assertThat(id).isEqualTo(caller.fabricId());
    }

    @Test
    void theFabricIdNamesSubjectAndIssuerLikeCryptogenCertificates() {
        TestIdentity caller = TestIdentity.of("ManufacturerMSP", "User1");

        assertThat(caller.fabricId()).isEqualTo(
                "x509::CN=User1@manufacturer.dawaledger.test, OU=client, L=Lahore, C=PK"
                        + "::CN=ca.manufacturer.dawaledger.test, O=manufacturer.dawaledger.test, L=Lahore, C=PK");
        assertThat(TestIdentity.of("ManufacturerMSP", "Admin").fabricId()).contains("OU=admin");
    }

    @Test
    void identitiesAreIssuedAndSignedByTheirOrganisationsCa() throws Exception {
        TestIdentity caller = TestIdentity.of("PharmacyMSP", "User1");
        X509Certificate ca = TestCertificates.caCertificate("PharmacyMSP");

        caller.certificate().verify(ca.getPublicKey());
        caller.certificate().checkValidity(java.util.Date.from(InMemoryLedger.DEFAULT_START_TIME));
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(caller.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(caller.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(caller.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void identitiesAreCachedByMspIdAndName() {
        assertThat(TestIdentity.of("ManufacturerMSP", "User1")).isSameAs(TestIdentity.of("ManufacturerMSP", "User1"));
        assertThat(TestIdentity.of("ManufacturerMSP", "User1")).isNotEqualTo(TestIdentity.of("ManufacturerMSP", "User2"));
        assertThat(TestIdentity.of("ManufacturerMSP", "User1").fabricId())
                .isNotEqualTo(TestIdentity.of("RegulatorMSP", "User1").fabricId());
    }

    @Test
    void theSerializedIdentityIsMspIdAndPemCertificate() throws Exception {
        TestIdentity caller = TestIdentity.of("RegulatorMSP", "User1");

        SerializedIdentity serialized = SerializedIdentity.parseFrom(caller.serializedIdentity());

        assertThat(serialized.getMspid()).isEqualTo("RegulatorMSP");
        String pem = serialized.getIdBytes().toString(UTF_8);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(UTF_8)));
        assertThat(parsed).isEqualTo(caller.certificate());
    }

    @Test
    void theSignedProposalCarriesTheTransactionAndIsSignedByTheCaller() throws Exception {
        TestIdentity caller = TestIdentity.of("ManufacturerMSP", "User1");
        InMemoryLedger ledger = new InMemoryLedger();

        SignedProposal signed = ledger.submit(caller, ctx -> ctx.getStub().getSignedProposal());

        Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        Header header = Header.parseFrom(proposal.getHeader());
        ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
        SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        assertThat(channelHeader.getTxId()).isEqualTo(ledger.lastTxId());
        assertThat(channelHeader.getChannelId()).isEqualTo("dawaledger");
        assertThat(channelHeader.getTimestamp().getSeconds()).isEqualTo(ledger.now().getEpochSecond());
        assertThat(signatureHeader.getCreator().toByteArray()).isEqualTo(caller.serializedIdentity());
        // Fabric derives the tx id from the proposal: hex(SHA-256(nonce || creator)).
        assertThat(org.dawaledger.ledger.simulation.SimulationStub.computeTxId(signatureHeader.getNonce().toByteArray(), caller.serializedIdentity()))
                .isEqualTo(ledger.lastTxId());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(caller.certificate());
        verifier.update(signed.getProposalBytes().toByteArray());
        assertThat(verifier.verify(signed.getSignature().toByteArray())).isTrue();
    }
}
