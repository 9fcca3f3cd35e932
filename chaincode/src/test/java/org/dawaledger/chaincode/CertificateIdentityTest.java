package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_MSP;
import static org.dawaledger.chaincode.LedgerFixture.gln;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which certificate acts as which participant. Real organisations' certificates carry names with commas, quotes,
 * plus signs, other scripts and intermediate CAs; each must be its own identity, and no two may pass for one.
 */
class CertificateIdentityTest {
    private final LedgerFixture f = LedgerFixture.withCommissionedPacks();

    private static TestIdentity named(final String key, final X500Name subject) {
        return TestIdentity.withSubject(PHARMACY_MSP, key, subject, 0);
    }

    /** A cryptogen-like name whose CN is exactly this text (BouncyCastle would read a leading # as hex). */
    private static X500Name commonName(final String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PK").addRDN(BCStyle.OU, "client")
                .addRDN(BCStyle.CN, new DERUTF8String(commonName)).build();
    }

    private JsonNode register(final TestIdentity who, final String gln) {
        return f.register(who, gln, "PHARMACY");
    }

    private JsonNode whoAmI(final TestIdentity who) {
        return f.query(who, ctx -> f.contract.whoAmI(ctx));
    }

    @Test
    void aQuotedValueAndTheSameTextWithLiteralQuotesAreTwoIdentities() {
        final TestIdentity branch = named("branch", commonName("Dispensary, Main Branch"));
        final TestIdentity quoted = named("quoted", commonName("\"Dispensary, Main Branch\""));
        // The defect: the shim's text names both the same, so the second acted as the first's licence.
        assertThat(quoted.fabricId()).isEqualTo(branch.fabricId());
        final String branchGln = gln("950000000021");
        register(branch, branchGln);

        assertThat(whoAmI(branch).at("/participant/gln").asText()).isEqualTo(branchGln);
        assertThat(whoAmI(quoted).has("participant")).isFalse();
        f.refused(quoted, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0001", "", "", "impersonation"),
                ErrorCode.CALLER_NOT_REGISTERED);
        assertThat(whoAmI(quoted).get("identityId").asText()).isNotEqualTo(whoAmI(branch).get("identityId")
                .asText()).isEqualTo(quoted.identityId());
    }

    static Stream<X500Name> realWorldNames() {
        final X500NameBuilder multiValued = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PK");
        multiValued.addMultiValuedRDN(new AttributeTypeAndValue[] {
            new AttributeTypeAndValue(BCStyle.OU, new DERUTF8String("client")),
            new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("Till 2"))});
        return Stream.of(
                commonName("Dispensary, Main Branch"),
                commonName("\"Dispensary, Main Branch\""),
                commonName("Dispensary + Clinic"),
                commonName("A=B; C<D>E"),
                commonName("Back\\slash"),
                commonName("#hash first"),
                commonName(" leading and trailing "),
                commonName("دوا خانہ، مین برانچ"),
                commonName("Чистая аптека"),
                commonName("薬局 本店"),
                commonName("Dispensary"),
                commonName("dispensary"),
                multiValued.build(),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PK").addRDN(BCStyle.OU, "client")
                        .addRDN(BCStyle.CN, "Till 2").build(),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Till 2").addRDN(BCStyle.OU, "client")
                        .addRDN(BCStyle.C, "PK").build(),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "PK")
                        .addRDN(new ASN1ObjectIdentifier("1.2.3.4.5"), "custom attribute").build());
    }

    @Test
    void certificatesWithEveryKindOfRealWorldNameAreEachTheirOwnParticipant() {
        final List<X500Name> names = realWorldNames().toList();
        final List<TestIdentity> identities = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            final TestIdentity identity = named("real-world-" + i, names.get(i));
            identities.add(identity);
            register(identity, gln(String.format(java.util.Locale.ROOT, "9500000001%02d", i)));
        }

        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < identities.size(); i++) {
            final JsonNode me = whoAmI(identities.get(i));
            assertThat(me.at("/participant/gln").asText()).as("participant of %s", names.get(i))
                    .isEqualTo(gln(String.format(java.util.Locale.ROOT, "9500000001%02d", i)));
            assertThat(me.get("certificateSubject").asText()).isEqualTo(identities.get(i).subject());
            ids.add(me.get("identityId").asText());
        }
        assertThat(ids).as("one identity per certificate name").hasSize(names.size());
    }

    @ParameterizedTest
    @MethodSource("realWorldNames")
    void aCertificateWithARealWorldNameActsAsItsParticipant(final X500Name name) throws java.io.IOException {
        final TestIdentity identity = named("acting-" + java.util.HexFormat.of().formatHex(name.getEncoded()), name);
        register(identity, gln("950000000030"));
        f.deliverToPharmacy(identity, gln("950000000030"), List.of("S0001"));

        final JsonNode outcome = f.call(identity, ctx -> f.contract.dispensePacks(ctx,
                LedgerFixture.packsJson(List.of("S0001")))).get(0);

        assertThat(outcome.get("accepted").asBoolean()).isTrue();
    }

    @Test
    void anIdentityIssuedThroughIntermediateCasIsItsOwnParticipant() {
        final X500Name subject = commonName("User7@pharmacy.dawaledger.test");
        final TestIdentity direct = named("direct-7", subject);
        final TestIdentity chained = TestIdentity.withSubject(PHARMACY_MSP, "chained-7", subject, 2);
        final String chainedGln = gln("950000000031");

        register(chained, chainedGln);

        assertThat(whoAmI(chained).at("/participant/gln").asText()).isEqualTo(chainedGln);
        assertThat(whoAmI(chained).get("certificateIssuer").asText()).startsWith("CN=ica2.pharmacy.dawaledger.test");
        assertThat(whoAmI(direct).has("participant")).as("the same subject from another CA").isFalse();
    }

    @Test
    void aRenewedCertificateWithTheSameSubjectAndIssuerActsAsTheSameParticipant() {
        final TestIdentity first = named("renewal-1", commonName("Renewed Dispensary"));
        final TestIdentity renewed = named("renewal-2", commonName("Renewed Dispensary"));
        assertThat(renewed.certificate().getPublicKey()).isNotEqualTo(first.certificate().getPublicKey());
        register(first, gln("950000000032"));

        assertThat(whoAmI(renewed).at("/participant/gln").asText()).isEqualTo(gln("950000000032"));
    }

    @Test
    void aCertificateWithANulInItsSubjectIsRefusedWithACodeNotAFault() {
        final TestIdentity nul = named("nul", commonName("Dispensary\u0000Main"));

        // Before the fix both answered INTERNAL_ERROR (the NUL broke the composite key).
        assertThat(f.refused(f.regulator, ctx -> f.contract.registerParticipant(ctx, gln("950000000033"),
                "PHARMACY", "Null Pharmacy", "LIC-33", "", PHARMACY_MSP, nul.certificatePem()),
                ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("control character U+0000");
        f.refused(nul, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0001", "", "", "suspect"),
                ErrorCode.CALLER_NOT_REGISTERED);
        assertThat(whoAmI(nul).has("participant")).isFalse();
        assertThat(f.query(nul, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001", "LOT1", LedgerFixture.EXPIRY))
                .get("verdict").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anIdentityCannotBeBoundTwiceWhateverItsName() {
        final TestIdentity identity = named("twice", commonName("Twice, Ltd."));
        register(identity, gln("950000000034"));

        f.refused(f.regulator, ctx -> f.contract.registerParticipant(ctx, gln("950000000035"), "PHARMACY",
                "Twice again", "LIC-35", "", PHARMACY_MSP, identity.certificatePem()),
                ErrorCode.IDENTITY_ALREADY_REGISTERED);
        assertThat(f.query(f.outsider, ctx -> f.contract.getParticipant(ctx, PHARMACY_GLN)).get("gln").asText())
                .isEqualTo(PHARMACY_GLN);
    }
}
