package org.dawaledger.gateway.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.dawaledger.gateway.data.DataFiles;

/**
 * The bearer tokens an organisation's admin issued, in {@code tokens.properties} of the data folder: per token id, the
 * participant it names, the SHA-256 of its secret (never the secret), when it was issued and whether it is revoked.
 * The admin's command writes it; the gateway reads it again whenever it changed, so a revocation holds at once.
 *
 * <p>A token is {@code dlt_<id>_<secret>}: 8 hex digits naming it, then 32 random bytes in base64url.
 */
public final class TokenStore {
    private static final String PREFIX = "dlt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One issued token, as the store keeps it. */
    public record Entry(String id, String participant, Instant issued, boolean revoked) {
    }

    private final Path file;
    /** The file's inode and time when last read: each write replaces the file, so a new inode means a change. */
    private Object loadedVersion;
    private Properties loaded = new Properties();

    /** The tokens kept in a data folder. */
    public TokenStore(final Path dataDir) {
        this.file = dataDir.resolve("tokens.properties");
    }

    /**
     * Issues a token naming a participant.
     *
     * @return the token: shown once, kept nowhere
     */
    public synchronized String issue(final String participant) {
        final Properties tokens = read();
        String id;
        do {
            id = HexFormat.of().formatHex(bytes(4));
        } while (tokens.containsKey(id));
        final String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        tokens.setProperty(id, String.join(",", participant, DataFiles.sha256(secret), Instant.now().toString(),
                "active"));
        write(tokens);
        return PREFIX + id + "_" + secret;
    }

    /**
     * Revokes a token by its id.
     *
     * @return whether there was such a token
     */
    public synchronized boolean revoke(final String id) {
        final Properties tokens = read();
        final String entry = tokens.getProperty(id);
        if (entry == null) {
            return false;
        }
        tokens.setProperty(id, entry.substring(0, entry.lastIndexOf(',')) + ",revoked");
        write(tokens);
        return true;
    }

    /** Every token issued, revoked ones too. */
    public synchronized List<Entry> list() {
        final List<Entry> entries = new ArrayList<>();
        final Properties tokens = read();
        for (final String id : new java.util.TreeSet<>(tokens.stringPropertyNames())) {
            entries.add(entry(id, tokens.getProperty(id)));
        }
        return entries;
    }

    /** The participant a presented token names, if it is a token this store issued and did not revoke. */
    public synchronized Optional<String> participant(final String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() < PREFIX.length() + 10
                || token.charAt(PREFIX.length() + 8) != '_') {
            return Optional.empty();
        }
        final String id = token.substring(PREFIX.length(), PREFIX.length() + 8);
        final String stored = current().getProperty(id);
        if (stored == null) {
            return Optional.empty();
        }
        final String[] fields = stored.split(",", -1);
        final boolean matches = MessageDigest.isEqual(fields[1].getBytes(UTF_8),
                DataFiles.sha256(token.substring(PREFIX.length() + 9)).getBytes(UTF_8));
        return matches && fields[3].equals("active") ? Optional.of(fields[0]) : Optional.empty();
    }

    private Properties current() {
        // One stat per check: a sign-in is on every write's path.
        Object version;
        try {
            final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            version = List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime());
        } catch (NoSuchFileException e) {
            version = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (version == null || !version.equals(loadedVersion)) {
            loaded = read();
            loadedVersion = version;
        }
        return loaded;
    }

    private Properties read() {
        final Properties tokens = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, UTF_8)) {
                tokens.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return tokens;
    }

    private void write(final Properties tokens) {
        final StringWriter out = new StringWriter();
        try {
            tokens.store(out, "DawaLedger gateway tokens: id = participant,sha256(secret),issued,status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataFiles.replace(file, out.toString());
    }

    private static Entry entry(final String id, final String stored) {
        final String[] fields = stored.split(",", -1);
        return new Entry(id, fields[0], Instant.parse(fields[2]), fields[3].equals("revoked"));
    }

    private static byte[] bytes(final int count) {
        final byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
