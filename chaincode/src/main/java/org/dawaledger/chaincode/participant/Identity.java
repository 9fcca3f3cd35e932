package org.dawaledger.chaincode.participant;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.dawaledger.chaincode.ledger.ErrorCode;

/**
 * A Fabric identity as the ledger binds it: an MSP ID and an X.509 certificate's subject and issuer.
 *
 * <p>The key is a digest of the subject's and the issuer's DER encodings as the certificate carries them. Text forms
 * cannot serve: in the shim's {@code x509::subject::issuer} a value that needs quoting prints like the same value with
 * literal quotes, so two certificates with different subjects would count as one, and text forms differ between JDKs.
 * DER is what the CA signed, and two DER encodings are equal only when the names are.
 *
 * @param mspId the MSP
 * @param id lower-case hex SHA-256 of the subject's DER followed by the issuer's DER
 * @param subject the subject in RFC 2253 form, for people to read
 * @param issuer the issuer in RFC 2253 form, for people to read
 */
public record Identity(String mspId, String id, String subject, String issuer) {
    /** The NodeOU Fabric's MSPs give their administrators, by default. */
    static final String ADMIN_OU = "admin";

    /** The identity of a certificate, whatever its names hold. */
    static Identity of(final String mspId, final X509Certificate certificate) {
        final X500Principal subject = certificate.getSubjectX500Principal();
        final X500Principal issuer = certificate.getIssuerX500Principal();
        final MessageDigest digest = sha256();
        // DER is self-delimiting, so subject then issuer cannot be read as another pair.
        digest.update(subject.getEncoded());
        digest.update(issuer.getEncoded());
        return new Identity(mspId, HexFormat.of().formatHex(digest.digest()), subject.getName(X500Principal.RFC2253),
                issuer.getName(X500Principal.RFC2253));
    }

    /**
     * Reads the identity of a PEM certificate that is to be registered.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the text is not a PEM X.509 certificate, or its subject
     *     or issuer holds a control character ({@code INVALID_ARGUMENT})
     */
    static Identity ofCertificate(final String mspId, final String certificatePem) {
        if (certificatePem == null || !certificatePem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ErrorCode.INVALID_ARGUMENT.exception("certificate must be a PEM X.509 certificate");
        }
        final X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.UTF_8)));
        } catch (CertificateException | RuntimeException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("certificate is not a readable X.509 certificate: %s",
                    e.getMessage());
        }
        return of(mspId, certificate).requirePrintable("certificate");
    }

    /**
     * Requires names people can read and print: no control character (U+0000 among them) in any attribute value of
     * subject or issuer. RFC 2253 text escapes such characters, so the values are read back from it.
     *
     * @param what names the certificate in the message
     * @throws org.hyperledger.fabric.shim.ChaincodeException if either holds one ({@code INVALID_ARGUMENT})
     */
    Identity requirePrintable(final String what) {
        requirePrintable(what, "subject", subject);
        requirePrintable(what, "issuer", issuer);
        return this;
    }

    private static void requirePrintable(final String what, final String part, final String name) {
        for (final Rdn rdn : rdns(name)) {
            final NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
            while (attributes.hasMoreElements()) {
                final Object value = attribute(attributes.nextElement());
                final int control = value instanceof String text
                        ? text.codePoints().filter(Character::isISOControl).findFirst().orElse(-1) : -1;
                if (control >= 0) {
                    throw ErrorCode.INVALID_ARGUMENT.exception("the %s's %s holds the control character U+%04X",
                            what, part, control);
                }
            }
        }
    }

    private static Object attribute(final Attribute attribute) {
        try {
            return attribute.get();
        } catch (NamingException e) {
            return null;
        }
    }

    private static java.util.List<Rdn> rdns(final String rfc2253) {
        try {
            return new LdapName(rfc2253).getRdns();
        } catch (InvalidNameException e) {
            // The JDK wrote this text itself; it always reads back.
            throw new IllegalStateException("unreadable RFC 2253 name " + rfc2253, e);
        }
    }

    /** Whether the subject carries Fabric's administrator NodeOU ({@code OU=admin}), in any of its RDNs. */
    boolean isAdmin() {
        for (final Rdn rdn : rdns(subject)) {
            final Attribute unit = rdn.toAttributes().get("OU");
            if (unit != null && unit.contains(ADMIN_OU)) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
