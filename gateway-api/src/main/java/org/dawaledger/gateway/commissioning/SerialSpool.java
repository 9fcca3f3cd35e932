package org.dawaledger.gateway.commissioning;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.gs1.Gs1Text;

/**
 * An upload's serials, read from the request body as it arrives into a spool file of the data folder: one checked
 * serial a line, in the upload's order. Nothing but the first chunk stays in memory; repeats are found with a
 * {@link SerialSet}. Every serial is checked as the contract checks it, so a bad one refuses the whole upload, naming
 * where it is ({@code line 5} of a CSV, {@code serials[4]} of JSON).
 *
 * <p>CSV: one serial a line (LF or CRLF), an optional first line {@code serial} as the header, RFC 4180 quotes for a
 * serial holding a comma or a quote ({@code "A,1"}, {@code "B""2"}). JSON: {@code {"serials": [...]}} or a bare
 * array of strings.
 */
final class SerialSpool {
    /** The two forms an upload may take. */
    enum Format {
        CSV,
        JSON
    }

    /** How much one upload may hold, and how many of its serials make its first chunk. */
    record Limits(long maxBytes, int maxSerials, int firstChunk) {
    }

    /**
     * A received upload.
     *
     * @param file the spool, one serial a line
     * @param count how many serials
     * @param sha256 SHA-256 of the spool's content: the same serials in the same order, whatever the form
     * @param firstChunk the first serials, as many as a chunk holds
     */
    record Spooled(Path file, int count, String sha256, List<String> firstChunk) {
        /** Removes the spool. */
        void discard() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }

    /** A serial longer than this is refused without reading it on: GS1 allows 20 characters. */
    private static final int LONGEST_READ = 256;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(LONGEST_READ).build()).build();

    private SerialSpool() {
    }

    /**
     * Reads an upload into a new spool file in {@code folder}.
     *
     * @throws WebApplicationException a problem, and no spool is left, if the body is malformed (400
     *     {@code MALFORMED_CSV} or {@code MALFORMED_JSON}), names a malformed serial or none (400
     *     {@code INVALID_ARGUMENT}) or a serial twice (400 {@code DUPLICATE_SERIAL}), or is larger than the limits (413
     *     {@code UPLOAD_TOO_LARGE}, {@code TOO_MANY_ITEMS})
     */
    static Spooled receive(final InputStream body, final Format format, final Path folder, final Limits limits)
            throws IOException {
        Files.createDirectories(folder);
        final Path file = Files.createTempFile(folder, "upload-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        boolean kept = false;
        try (Sink sink = new Sink(file, limits)) {
            final InputStream capped = new Capped(body, limits.maxBytes());
            if (format == Format.CSV) {
                readCsv(new BufferedReader(new InputStreamReader(capped, UTF_8)), sink);
            } else {
                readJson(capped, sink);
            }
            if (sink.count == 0) {
                throw Problem.badRequest("INVALID_ARGUMENT", "serials", "the upload names no serial");
            }
            sink.close();
            kept = true;
            return new Spooled(file, sink.count, HexFormat.of().formatHex(sink.digest.digest()), sink.firstChunk);
        } catch (TooLarge e) {
            throw tooLarge(limits.maxBytes());
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The 413 for a body over the cap, closing the connection rather than reading the rest. */
    static WebApplicationException tooLarge(final long maxBytes) {
        return new WebApplicationException(Response.fromResponse(Problem.response(413, "UPLOAD_TOO_LARGE", "body",
                "an upload is at most " + maxBytes + " bytes; send the serials in more than one upload"))
                .header("Connection", "close").build());
    }

    // --------------------------------------------------------------------------------------------------------- CSV

    private static void readCsv(final Reader in, final Sink sink) throws IOException {
        final StringBuilder field = new StringBuilder();
        int line = 0;
        int c = in.read();
        if (c == '\uFEFF') {
            c = in.read();
        }
        while (c != -1) {
            line++;
            field.setLength(0);
            final boolean quoted = c == '"';
            if (quoted) {
                c = readQuoted(in, field, line);
                if (c == ',') {
                    throw malformedCsv(line, "more than one field; one serial a line");
                }
                if (c != -1 && c != '\n' && c != '\r') {
                    throw malformedCsv(line, "text after the closing quote");
                }
            } else {
                while (c != -1 && c != '\n' && c != '\r') {
                    if (c == ',') {
                        throw malformedCsv(line, "more than one field; one serial a line (quote a serial that"
                                + " holds a comma: \"A,1\")");
                    }
                    if (c == '"') {
                        throw malformedCsv(line, "a quote inside a serial that is not quoted (quote the serial and"
                                + " double its quotes: \"B\"\"2\")");
                    }
                    append(field, (char) c, "line " + line);
                    c = in.read();
                }
            }
            if (c == '\r') {
                c = in.read();
                if (c != '\n') {
                    throw malformedCsv(line, "a carriage return that does not end the line");
                }
            }
            if (c == '\n') {
                c = in.read();
            }
            if (line == 1 && !quoted && field.toString().equals("serial")) {
                sink.lineOf(index -> "line " + (index + 2));
                continue;
            }
            if (line == 1) {
                sink.lineOf(index -> "line " + (index + 1));
            }
            if (field.isEmpty() && !quoted) {
                throw Problem.badRequest("INVALID_ARGUMENT", "line " + line, "line " + line
                        + " is empty; one serial a line");
            }
            sink.accept(field.toString());
        }
    }

    /** Reads a quoted field after its opening quote; answers the character after the closing quote. */
    private static int readQuoted(final Reader in, final StringBuilder field, final int line) throws IOException {
        while (true) {
            final int c = in.read();
            if (c == -1) {
                throw malformedCsv(line, "a quote that is not closed");
            }
            if (c == '"') {
                final int next = in.read();
                if (next != '"') {
                    return next;
                }
            }
            append(field, (char) c, "line " + line);
        }
    }

    private static WebApplicationException malformedCsv(final int line, final String detail) {
        return Problem.badRequest("MALFORMED_CSV", "line " + line, "line " + line + ": " + detail);
    }

    // -------------------------------------------------------------------------------------------------------- JSON

    private static void readJson(final InputStream in, final Sink sink) throws IOException {
        sink.lineOf(index -> "serials[" + index + "]");
        try (JsonParser parser = JSON.createParser(in)) {
            final JsonToken root = parser.nextToken();
            if (root == JsonToken.START_ARRAY) {
                readArray(parser, sink);
            } else if (root == JsonToken.START_OBJECT) {
                boolean named = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    final String name = parser.currentName();
                    if (!name.equals("serials")) {
                        throw Problem.badRequest("INVALID_ARGUMENT", name,
                                "unknown field " + name + "; send {\"serials\": [\"…\", …]} or a bare array");
                    }
                    if (named) {
                        throw Problem.badRequest("INVALID_ARGUMENT", "serials", "serials is given twice");
                    }
                    named = true;
                    if (parser.nextToken() != JsonToken.START_ARRAY) {
                        throw Problem.badRequest("INVALID_ARGUMENT", "serials",
                                "serials must be an array of strings, not " + describe(parser.currentToken()));
                    }
                    readArray(parser, sink);
                }
                if (!named) {
                    throw Problem.badRequest("INVALID_ARGUMENT", "serials",
                            "serials is missing; send {\"serials\": [\"…\", …]} or a bare array");
                }
            } else {
                throw Problem.badRequest("INVALID_ARGUMENT", "body", (root == null ? "the body is empty"
                        : "the body is " + describe(root)) + "; send {\"serials\": [\"…\", …]} or a bare array");
            }
            if (parser.nextToken() != null) {
                throw Problem.badRequest("MALFORMED_JSON", "body", "the body goes on after its JSON value");
            }
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("MALFORMED_JSON", "body", e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    private static void readArray(final JsonParser parser, final Sink sink) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                final String where = sink.location(sink.count);
                throw Problem.badRequest("INVALID_ARGUMENT", where, where + " must be a string, not "
                        + describe(token));
            }
            sink.accept(parser.getText());
        }
    }

    private static String describe(final JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    // ------------------------------------------------------------------------------------------------ the spool

    private static void append(final StringBuilder field, final char c, final String where) {
        if (field.length() == LONGEST_READ) {
            throw Problem.badRequest("INVALID_ARGUMENT", where, where + ": serial is more than " + LONGEST_READ
                    + " characters long; at most " + Gs1Text.MAX_LENGTH + " are allowed");
        }
        field.append(c);
    }

    /** Checks each serial, finds repeats, and writes the spool and its digest. */
    private static final class Sink implements AutoCloseable {
        private final Path file;
        private final Limits limits;
        private final Writer out;
        private final MessageDigest digest;
        private final SerialSet seen = new SerialSet();
        private final List<String> firstChunk = new ArrayList<>();
        private IntFunction<String> location = index -> "serials[" + index + "]";
        private int count;

        Sink(final Path file, final Limits limits) throws IOException {
            this.file = file;
            this.limits = limits;
            this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), UTF_8), 1 << 16);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }

        /** How the serial at an index of the upload is named in a problem. */
        void lineOf(final IntFunction<String> naming) {
            this.location = naming;
        }

        String location(final int index) {
            return location.apply(index);
        }

        void accept(final String serial) throws IOException {
            final String where = location(count);
            try {
                Gs1Text.serial(serial);
            } catch (Gs1FormatException e) {
                throw Problem.badRequest("INVALID_ARGUMENT", where, where + ": " + e.getMessage());
            }
            if (count == limits.maxSerials()) {
                throw new WebApplicationException(Problem.response(413, "TOO_MANY_ITEMS", "serials",
                        "an upload names at most " + limits.maxSerials() + " serials"));
            }
            if (!seen.add(serial)) {
                throw Problem.badRequest("DUPLICATE_SERIAL", where, where + " repeats serial " + serial + " of "
                        + location(firstIndexOf(serial)));
            }
            if (firstChunk.size() < limits.firstChunk()) {
                firstChunk.add(serial);
            }
            final String spooled = serial + "\n";
            out.write(spooled);
            digest.update(spooled.getBytes(UTF_8));
            count++;
        }

        /** Where a serial first appeared: read back from the spool, as only a refused upload needs it. */
        private int firstIndexOf(final String serial) throws IOException {
            out.flush();
            try (BufferedReader spool = Files.newBufferedReader(file, UTF_8)) {
                int index = 0;
                for (String line = spool.readLine(); line != null; line = spool.readLine(), index++) {
                    if (line.equals(serial)) {
                        return index;
                    }
                }
            }
            throw new IllegalStateException("the set holds a serial the spool does not");
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Thrown by {@link Capped} as an IOException, so that parsers pass it on. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** The body, refusing to give more than the cap. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(final InputStream in, final long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            final int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(final int n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge();
            }
        }
    }
}
