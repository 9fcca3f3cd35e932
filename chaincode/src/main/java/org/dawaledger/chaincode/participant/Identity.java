package org.dawaledger.chaincode.participant;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.dawaledger.chaincode.ledger.ErrorCode;

/**
 * A Fabric identity as the ledger binds it: MSP ID plus X.509 identity.
 *
 * @param mspId the MSP
 * @param fabricId {@code x509::subject DN::issuer DN}, exactly as the shim's {@code ClientIdentity.getId()} names it
 */
public record Identity(String mspId, String fabricId) {

    /**
     * Reads the identity of a PEM certificate.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the text is not a PEM X.509 certificate
     *     ({@code INVALID_ARGUMENT})
     */
    @SuppressWarnings("deprecation") // getSubjectDN/getIssuerDN: the shim names identities with them, so must we.
    static Identity ofCertificate(final String mspId, final String certificatePem) {
        if (certificatePem == null || !certificatePem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ErrorCode.INVALID_ARGUMENT.exception("certificate must be a PEM X.509 certificate");
        }
        try {
            final X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.UTF_8)));
            return new Identity(mspId, "x509::" + certificate.getSubjectDN().getName() + "::"
                    + certificate.getIssuerDN().getName());
        } catch (CertificateException | RuntimeException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("certificate is not a readable X.509 certificate: %s",
                    e.getMessage());
        }
    }
}
