/*
 * DawaLedger — unit-test fixture.
 */
package org.dawaledger.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A client identity of a Fabric organisation: a real X.509 certificate issued by the organisation's test CA (see
 * {@link TestCertificates}), as a client application would hold it in its wallet.
 *
 * @param mspId the organisation's MSP id, e.g. {@code ManufacturerMSP}.
 * @param name the user name, e.g. {@code User1}; the certificate's common name is {@code User1@<org domain>}.
 * @param certificate the certificate, parsed by the JDK's X.509 factory exactly as {@code ClientIdentity} parses it.
 * @param certificatePem the certificate in PEM form, which is what Fabric's MSP puts in a serialized identity.
 */
public record TestIdentity(String mspId, String name, X509Certificate certificate, String certificatePem) {

    /**
     * Checks that no component is missing.
     */
    public TestIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificatePem, "certificatePem");
    }

    /**
     * The identity {@code name} of organisation {@code mspId}, issued by that organisation's CA. Identities are cached,
     * so the same arguments always give the same certificate within a test run.
     *
     * @param mspId the MSP id, e.g. {@code ManufacturerMSP}.
     * @param name the user name, e.g. {@code User1} or {@code Admin}.
     * @return the identity.
     */
    public static TestIdentity of(final String mspId, final String name) {
        return TestCertificates.identity(mspId, name);
    }

    /**
     * An identity with a subject of the test's choosing: names with commas, quotes, plus signs (multi-valued RDNs),
     * non-Latin text, or issued through intermediate CAs. See {@link TestCertificates#custom}.
     *
     * @param mspId the MSP id.
     * @param name a unique name for this identity within the test run.
     * @param subject the subject to DER-encode.
     * @param intermediates intermediate CAs between the organisation's CA and this identity.
     * @return the identity.
     */
    public static TestIdentity withSubject(final String mspId, final String name,
            final org.bouncycastle.asn1.x500.X500Name subject, final int intermediates) {
        return TestCertificates.custom(mspId, name, subject, intermediates);
    }

    /**
     * The identity serialised as Fabric's MSP serialises it for a proposal's creator:
     * {@code SerializedIdentity{mspid, id_bytes = PEM certificate}}.
     *
     * @return the protobuf bytes that {@code ChaincodeStub.getCreator()} returns for this caller.
     */
    public byte[] serializedIdentity() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificatePem, UTF_8))
                .build()
                .toByteArray();
    }

    /**
     * The id the contract API gives this caller, computed the way {@code ClientIdentity} computes it.
     *
     * @return {@code "x509::" + subject DN + "::" + issuer DN}.
     */
    @SuppressWarnings("deprecation") // ClientIdentity uses getSubjectDN()/getIssuerDN(), so must we for an equal string
    public String fabricId() {
        return "x509::" + certificate.getSubjectDN().getName() + "::"
                + certificate.getIssuerDN().getName();
    }

    /**
     * The id the ledger binds this identity by, computed here from BouncyCastle's reading of the certificate, not the
     * JDK's: lower-case hex SHA-256 of the subject's DER encoding followed by the issuer's.
     *
     * @return 64 hex characters.
     */
    public String identityId() {
        try {
            org.bouncycastle.cert.X509CertificateHolder holder =
                    new org.bouncycastle.cert.X509CertificateHolder(certificate.getEncoded());
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(holder.getSubject().getEncoded());
            digest.update(holder.getIssuer().getEncoded());
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test certificate of " + this, e);
        }
    }

    /**
     * The certificate's subject as RFC 2253 writes it.
     *
     * @return e.g. {@code CN=User1@manufacturer.dawaledger.test,OU=client,L=Lahore,C=PK}.
     */
    public String subject() {
        return certificate.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
    }

    @Override
    public String toString() {
        return "TestIdentity[" + mspId + "/" + name + "]";
    }
}
