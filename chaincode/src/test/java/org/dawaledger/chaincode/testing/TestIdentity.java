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

    @Override
    public String toString() {
        return "TestIdentity[" + mspId + "/" + name + "]";
    }
}
