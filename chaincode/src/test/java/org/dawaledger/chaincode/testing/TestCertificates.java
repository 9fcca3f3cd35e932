/*
 * DawaLedger — unit-test fixture.
 */
package org.dawaledger.chaincode.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificate authorities and identities, laid out the way Fabric's {@code cryptogen} lays them out: one CA per
 * organisation (MSP id), EC P-256 keys, SHA256withECDSA signatures, and a NodeOU ({@code client} or {@code admin}) in
 * each identity's subject.
 *
 * <p>Organisation {@code ManufacturerMSP} gets the domain {@code manufacturer.dawaledger.test} (the MSP id, lower-cased,
 * without its {@code MSP} suffix); its CA is {@code CN=ca.manufacturer.dawaledger.test, O=manufacturer.dawaledger.test,
 * L=Lahore, C=PK} and its {@code User1} is {@code CN=User1@manufacturer.dawaledger.test, OU=client, L=Lahore, C=PK}.
 * Names starting with {@code Admin} get {@code OU=admin}, as cryptogen's admins do.
 *
 * <p>CAs and identities are cached for the whole JVM: key generation is the slow part of a test run.
 */
public final class TestCertificates {

    private static final String CHANNEL_DOMAIN = "dawaledger.test";
    private static final String LOCALITY = "Lahore";
    private static final String COUNTRY = "PK";
    // Fixed validity around the ledger's default clock, so certificates are valid at any time a test sets.
    private static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2036-01-01T00:00:00Z");

    private static final Map<String, Authority> AUTHORITIES = new ConcurrentHashMap<>();
    private static final Map<String, Issued> IDENTITIES = new ConcurrentHashMap<>();
    private static final AtomicLong SERIALS = new AtomicLong(1);

    private record Authority(String domain, KeyPair keyPair, X509Certificate certificate) { }

    private record Issued(TestIdentity identity, PrivateKey privateKey) { }

    private TestCertificates() { }

    /**
     * The identity {@code name} of organisation {@code mspId}, created on first use and cached afterwards.
     *
     * @param mspId the MSP id, e.g. {@code ManufacturerMSP}.
     * @param name the user name, e.g. {@code User1}.
     * @return the identity, issued by the organisation's CA.
     */
    public static TestIdentity identity(final String mspId, final String name) {
        return issued(mspId, name).identity();
    }

    /**
     * The certificate of organisation {@code mspId}'s CA, created on first use and cached afterwards.
     *
     * @param mspId the MSP id.
     * @return the self-signed CA certificate.
     */
    public static X509Certificate caCertificate(final String mspId) {
        return authority(mspId).certificate();
    }

    /**
     * The DNS-style domain of an organisation: {@code ManufacturerMSP} gives {@code manufacturer.dawaledger.test}.
     *
     * @param mspId the MSP id.
     * @return the organisation's domain.
     */
    public static String domainOf(final String mspId) {
        requireText(mspId, "mspId");
        String org = mspId.endsWith("MSP") && mspId.length() > 3 ? mspId.substring(0, mspId.length() - 3) : mspId;
        return org.toLowerCase(Locale.ROOT) + "." + CHANNEL_DOMAIN;
    }

    /** The private key of an identity made here; the fixture signs proposals with it. */
    static PrivateKey privateKey(final TestIdentity identity) {
        Issued issued = issued(identity.mspId(), identity.name());
        if (!issued.identity().equals(identity)) {
            throw new IllegalArgumentException("not an identity made by TestCertificates: " + identity);
        }
        return issued.privateKey();
    }

    /**
     * An identity of organisation {@code mspId} with a subject of the test's choosing, issued by the organisation's
     * CA, or through a chain of {@code intermediates} intermediate CAs below it (as Fabric CA deployments with an
     * intermediate CA issue them). Cached under {@code name}, which must be new.
     *
     * @param mspId the MSP id.
     * @param name a name for the cache and for signing, not part of the certificate.
     * @param subject the subject, exactly as it is to be DER-encoded.
     * @param intermediates how many intermediate CAs stand between the organisation's CA and the identity.
     * @return the identity.
     */
    public static TestIdentity custom(final String mspId, final String name, final X500Name subject,
            final int intermediates) {
        requireText(mspId, "mspId");
        requireText(name, "name");
        Objects.requireNonNull(subject, "subject");
        Issued issued = IDENTITIES.computeIfAbsent(mspId + "\n" + name,
                k -> issueTo(mspId, name, subject, intermediates));
        if (!issued.identity().certificate().getSubjectX500Principal().equals(
                new javax.security.auth.x500.X500Principal(encoded(subject)))) {
            throw new IllegalArgumentException("identity " + name + " of " + mspId + " exists with another subject");
        }
        return issued.identity();
    }

    private static Issued issued(final String mspId, final String name) {
        requireText(mspId, "mspId");
        requireText(name, "name");
        // '\n' cannot occur in an MSP id, so the pair maps to a unique cache key.
        return IDENTITIES.computeIfAbsent(mspId + "\n" + name, k -> issue(mspId, name));
    }

    private static byte[] encoded(final X500Name name) {
        try {
            return name.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot encode " + name, e);
        }
    }

    private static Authority authority(final String mspId) {
        requireText(mspId, "mspId");
        return AUTHORITIES.computeIfAbsent(mspId, TestCertificates::createAuthority);
    }

    private static Authority createAuthority(final String mspId) {
        String domain = domainOf(mspId);
        try {
            KeyPair keyPair = newKeyPair();
            // cryptogen (Go's pkix) encodes C, L, O, CN in this order; the JDK prints it reversed: CN=..., C=PK
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, COUNTRY)
                    .addRDN(BCStyle.L, LOCALITY)
                    .addRDN(BCStyle.O, domain)
                    .addRDN(BCStyle.CN, "ca." + domain)
                    .build();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject, nextSerial(), Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject,
                            keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | KeyUsage.keyEncipherment | KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = toJdkCertificate(builder.build(signer(keyPair.getPrivate())));
            return new Authority(domain, keyPair, certificate);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create test CA for " + mspId, e);
        }
    }

    private static Issued issue(final String mspId, final String name) {
        Authority ca = authority(mspId);
        String commonName = name.contains("@") ? name : name + "@" + ca.domain();
        String nodeOu = name.regionMatches(true, 0, "Admin", 0, 5) ? "admin" : "client";
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.L, LOCALITY)
                .addRDN(BCStyle.OU, nodeOu)
                .addRDN(BCStyle.CN, commonName)
                .build();
        return issueTo(mspId, name, subject, 0);
    }

    private static Issued issueTo(final String mspId, final String name, final X500Name subject,
            final int intermediates) {
        Authority issuer = authority(mspId);
        try {
            for (int level = 1; level <= intermediates; level++) {
                issuer = intermediate(issuer, level);
            }
            KeyPair keyPair = newKeyPair();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            issuer.certificate(), nextSerial(), Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject,
                            keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer.certificate()));
            X509Certificate certificate = toJdkCertificate(builder.build(signer(issuer.keyPair().getPrivate())));
            return new Issued(new TestIdentity(mspId, name, certificate, toPem(certificate)), keyPair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue test identity " + name + " of " + mspId, e);
        }
    }

    /** An intermediate CA below {@code parent}, as a Fabric CA intermediate server holds one. */
    private static Authority intermediate(final Authority parent, final int level)
            throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        KeyPair keyPair = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, parent.domain())
                .addRDN(BCStyle.CN, "ica" + level + "." + parent.domain())
                .build();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(parent.certificate(), nextSerial(),
                        Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject, keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(parent.certificate()));
        X509Certificate certificate = toJdkCertificate(builder.build(signer(parent.keyPair().getPrivate())));
        return new Authority(parent.domain(), keyPair, certificate);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(final PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.getAndIncrement()).shiftLeft(64).add(BigInteger.valueOf(System.nanoTime()).abs());
    }

    // Parse with the JDK's factory, as ClientIdentity does, so DN strings print exactly as in the contract.
    private static X509Certificate toJdkCertificate(final X509CertificateHolder holder)
            throws GeneralSecurityException, java.io.IOException {
        return (X509Certificate) CertificateFactory.getInstance("X509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    private static String toPem(final X509Certificate certificate) throws GeneralSecurityException {
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII));
        return "-----BEGIN CERTIFICATE-----\n"
                + encoder.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static void requireText(final String value, final String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
