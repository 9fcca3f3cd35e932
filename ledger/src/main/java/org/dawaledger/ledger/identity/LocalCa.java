package org.dawaledger.ledger.identity;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dawaledger.ledger.Caller;

/**
 * An organisation's own certificate authority for the embedded ledger, as cryptogen lays one out for a Fabric
 * organisation: an EC P-256 CA, and members with {@code OU=admin} or {@code OU=client} (Fabric's NodeOUs). Created at
 * first use in its folder (keys readable by their owner only), and read from there afterwards.
 *
 * <p>Folder: {@code ca/cert.pem}, {@code ca/key.pem}; {@code members/<name>/cert.pem}, {@code members/<name>/key.pem}.
 */
public final class LocalCa {
    /** A member's role, as Fabric's NodeOUs name it. */
    public enum Role {
        /** May administer the organisation ({@code OU=admin}): the regulator's admin initialises the ledger. */
        ADMIN("admin"),
        /** An ordinary member ({@code OU=client}). */
        CLIENT("client");

        private final String organisationalUnit;

        Role(final String organisationalUnit) {
            this.organisationalUnit = organisationalUnit;
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final Path directory;
    private final String mspId;
    private final X509Certificate certificate;
    private final PrivateKey key;

    private LocalCa(final Path directory, final String mspId, final X509Certificate certificate,
            final PrivateKey key) {
        this.directory = directory;
        this.mspId = mspId;
        this.certificate = certificate;
        this.key = key;
    }

    /**
     * The CA of organisation {@code mspId} in this folder, created if the folder holds none.
     *
     * @throws UncheckedIOException if the folder cannot be read or written
     * @throws IllegalStateException if the folder holds a CA of another organisation or damaged files
     */
    public static LocalCa open(final Path directory, final String mspId) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(mspId, "mspId");
        final Path certificateFile = directory.resolve("ca/cert.pem");
        try {
            if (!Files.exists(certificateFile)) {
                final KeyPair pair = newKeyPair();
                final X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, mspId)
                        .addRDN(BCStyle.CN, "ca." + domain(mspId)).build();
                final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                        Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(VALIDITY)),
                        subject, pair.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                                | KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .addExtension(Extension.subjectKeyIdentifier, false,
                                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
                final X509Certificate created = sign(builder, pair.getPrivate());
                writeSecret(directory.resolve("ca/key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                write(certificateFile, pem("CERTIFICATE", created.getEncoded()));
            }
            final X509Certificate certificate = readCertificate(certificateFile);
            if (!certificate.getSubjectX500Principal().getName().contains("O=" + mspId)) {
                throw new IllegalStateException(directory + " holds the CA of another organisation: "
                        + certificate.getSubjectX500Principal());
            }
            return new LocalCa(directory, mspId, certificate, readKey(directory.resolve("ca/key.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the CA of " + mspId + " in " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the CA of " + mspId, e);
        }
    }

    /** The organisation's MSP id. */
    public String mspId() {
        return mspId;
    }

    /** The CA's certificate: the ledger trusts the organisation's members by it. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Member {@code name}, issued now if it has no certificate yet.
     *
     * @param name a name of letters, digits, dots, dashes and underscores
     * @param role its role, used only when it is issued
     * @throws IllegalArgumentException if the name is not such a name
     */
    public Caller member(final String name, final Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a member's name is 1-64 letters, digits, '.', '-' or '_': " + name);
        }
        final Path folder = directory.resolve("members").resolve(name);
        try {
            synchronized (this) {
                if (!Files.exists(folder.resolve("cert.pem"))) {
                    issue(folder, name, role);
                }
            }
            return new Caller(mspId, readCertificate(folder.resolve("cert.pem")), readKey(folder.resolve("key.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep member " + name + " of " + mspId, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue member " + name + " of " + mspId, e);
        }
    }

    private void issue(final Path folder, final String name, final Role role)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        final KeyPair pair = newKeyPair();
        final X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, role.organisationalUnit)
                .addRDN(BCStyle.CN, name + "@" + domain(mspId)).build();
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                Date.from(Instant.now().minus(Duration.ofDays(1))), certificate.getNotAfter(), subject,
                pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        final X509Certificate issued = sign(builder, key);
        writeSecret(folder.resolve("key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        write(folder.resolve("cert.pem"), pem("CERTIFICATE", issued.getEncoded()));
    }

    private static String domain(final String mspId) {
        final String org = mspId.endsWith("MSP") && mspId.length() > 3 ? mspId.substring(0, mspId.length() - 3)
                : mspId;
        return org.toLowerCase(Locale.ROOT) + ".dawaledger.local";
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final PrivateKey signer)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        final byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(final Path file) throws IOException {
        final String text = Files.readString(file, US_ASCII);
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static X509Certificate readCertificate(final Path file) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not a certificate", e);
        }
    }

    private static PrivateKey readKey(final Path file) throws IOException {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an EC private key", e);
        }
    }

    private static void write(final Path file, final String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, US_ASCII);
    }

    private static void writeSecret(final Path file, final String text) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // A key left by an issue that stopped half-way: overwrite it, keeping its permissions.
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
