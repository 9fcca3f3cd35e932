package org.dawaledger.ledger;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Who submits or evaluates: an organisation's member, by its X.509 certificate and private key, as a Fabric client
 * signs its proposals.
 *
 * @param mspId the member's organisation
 * @param certificate its certificate, issued by the organisation's CA
 * @param privateKey its key, which signs its proposals
 */
public record Caller(String mspId, X509Certificate certificate, PrivateKey privateKey) {
    public Caller {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        privateKey = jdkForm(privateKey);
    }

    /**
     * An EC key as the JDK's own signatures take it: one read through Bouncy Castle (as Fabric's
     * {@code Identities.readPrivateKey} reads a PEM key where Bouncy Castle is a registered provider) calls itself
     * "ECDSA", which they refuse.
     *
     * @throws IllegalArgumentException if its encoding is not an EC key's
     */
    private static PrivateKey jdkForm(final PrivateKey key) {
        if (!(key instanceof ECPrivateKey) || "EC".equals(key.getAlgorithm())) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the EC key cannot be read", e);
        }
    }

    /** The certificate in PEM, as Fabric puts it in a serialized identity. */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the certificate cannot be encoded", e);
        }
    }

    /** Fabric's {@code SerializedIdentity{mspid, PEM}}: what the chaincode reads as the creator. */
    public byte[] serializedIdentity() {
        return SerializedIdentity.newBuilder().setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(certificatePem())).build().toByteArray();
    }

    /** An ECDSA (or RSA) signature of these bytes with the caller's key. */
    public byte[] sign(final byte[] data) {
        try {
            final Signature signature = Signature.getInstance(
                    privateKey instanceof ECPrivateKey ? "SHA256withECDSA" : "SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the caller's key", e);
        }
    }

    @Override
    public String toString() {
        return "Caller[" + mspId + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }
}
