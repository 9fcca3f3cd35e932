package org.dawaledger.gateway.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dawaledger.ledger.Caller;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * An organisation's identities for Fabric mode, read from one folder: a folder per participant, named as its bearer
 * tokens name it, each an MSP folder as {@code cryptogen} and {@code fabric-ca-client enroll} write one, holding the
 * participant's certificate in {@code signcerts/} and its private key in {@code keystore/} (PEM, one file each).
 */
final class FabricIdentities {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private FabricIdentities() {
    }

    /**
     * Every participant's identity, by name.
     *
     * @throws IllegalStateException if the folder holds no participant, a folder's name is not a participant's
     *     (lower-case letters, digits, {@code . _ -}), or a certificate or key is missing or cannot be read
     */
    static SortedMap<String, Caller> read(final Path folder, final String mspId) {
        final SortedMap<String, Caller> identities = new TreeMap<>();
        for (final Path participant : list(folder)) {
            if (!Files.isDirectory(participant)) {
                continue;
            }
            final String name = participant.getFileName().toString();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("identities: " + participant + " is not named as a participant"
                        + " (lower-case letters, digits, . _ -)");
            }
            identities.put(name, caller(participant, mspId));
        }
        if (identities.isEmpty()) {
            throw new IllegalStateException("identities: " + folder + " holds no participant's folder"
                    + " (<participant>/signcerts/cert.pem and <participant>/keystore/key)");
        }
        return identities;
    }

    /** One identity from an MSP folder. */
    static Caller caller(final Path msp, final String mspId) {
        final Path certificate = only(msp.resolve("signcerts"));
        final Path key = only(msp.resolve("keystore"));
        try {
            return new Caller(mspId, Identities.readX509Certificate(Files.readString(certificate, UTF_8)),
                    Identities.readPrivateKey(Files.readString(key, UTF_8)));
        } catch (IOException | CertificateException | InvalidKeyException | RuntimeException e) {
            throw new IllegalStateException("identities: cannot read the certificate " + certificate + " and key "
                    + key + ": " + e.getMessage(), e);
        }
    }

    private static Path only(final Path folder) {
        final List<Path> files = list(folder).stream().filter(Files::isRegularFile).toList();
        if (files.size() != 1) {
            throw new IllegalStateException("identities: " + folder + " must hold exactly one file, not "
                    + files.size());
        }
        return files.get(0);
    }

    private static List<Path> list(final Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("identities: cannot read " + folder + ": " + e, e);
        }
    }
}
