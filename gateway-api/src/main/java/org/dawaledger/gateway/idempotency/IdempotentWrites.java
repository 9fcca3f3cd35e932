package org.dawaledger.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.dawaledger.gateway.data.DataFiles;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.problem.Problem;

/**
 * Writes made at most once per {@code Idempotency-Key}: the first committed outcome of a key is kept (in
 * {@code idempotency/} of the data folder, per caller and key) and a retry with the same key and body gets it back
 * instead of writing again; the same key with another body is refused. A refused write wrote nothing, so it is not
 * kept: its retry runs again.
 */
@ApplicationScoped
public class IdempotentWrites {
    /** A write whose outcome is worth keeping. */
    public interface Write {
        JsonNode run() throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_KEY_LENGTH = 255;

    private final Path folder;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    IdempotentWrites(final GatewayConfig config) {
        this.folder = config.dataDir().resolve("idempotency");
    }

    /**
     * Runs a write once per caller and key.
     *
     * @param caller who writes (a retry must come from the same caller)
     * @param key the client's Idempotency-Key, or null to write without one
     * @param request what is written, compared on a retry
     * @throws jakarta.ws.rs.WebApplicationException a 422 problem if the key was used for another request, or a
     *     400 if the key is blank or too long
     */
    public JsonNode once(final String caller, final String key, final JsonNode request, final Write write)
            throws IOException {
        if (key == null) {
            return write.run();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw Problem.badRequest("INVALID_ARGUMENT", "Idempotency-Key", "an Idempotency-Key is 1 to "
                    + MAX_KEY_LENGTH + " characters");
        }
        final String id = DataFiles.sha256(caller + "\u0000" + key);
        final String requestHash = DataFiles.sha256(JSON.writeValueAsString(request));
        synchronized (locks.computeIfAbsent(id, ignored -> new Object())) {
            final Path file = folder.resolve(id + ".json");
            if (Files.exists(file)) {
                final JsonNode kept = JSON.readTree(file.toFile());
                if (!kept.path("request").asText().equals(requestHash)) {
                    throw new jakarta.ws.rs.WebApplicationException(Problem.response(422, "IDEMPOTENCY_KEY_REUSED",
                            "Idempotency-Key", "this Idempotency-Key was used for another request"));
                }
                return kept.get("outcome");
            }
            final JsonNode outcome = write.run();
            final ObjectNode kept = JSON.createObjectNode().put("request", requestHash);
            kept.set("outcome", outcome);
            DataFiles.replace(file, JSON.writeValueAsString(kept));
            return outcome;
        }
    }
}
