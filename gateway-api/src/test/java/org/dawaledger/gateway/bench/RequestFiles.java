package org.dawaledger.gateway.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The requests the standard load generators send in the gateway's benchmark: {@code COUNT} scans of random packs of
 * {@link BenchmarkBatch}, as a JSON array of {@code VerifyRequest}s for ghz (which sends them round-robin) and as a
 * Lua table of REST bodies for wrk (scripts/bench-gateway.lua draws one at random per request); and the REST body
 * of pack 1 alone, whose answer the echo server gives.
 *
 * <p>Arguments: {@code COUNT PACKS GHZ_JSON_FILE WRK_LUA_FILE PACK_1_JSON_FILE}.
 */
public final class RequestFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestFiles() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: RequestFiles COUNT PACKS GHZ_JSON_FILE WRK_LUA_FILE"
                    + " PACK_1_JSON_FILE");
        }
        final int count = Integer.parseInt(args[0]);
        final int packs = Integer.parseInt(args[1]);
        final List<Map<String, String>> grpc = new ArrayList<>();
        final List<String> lua = new ArrayList<>(List.of("-- " + count + " REST bodies, written by RequestFiles",
                "return {"));
        for (int i = 0; i < count; i++) {
            final int pack = BenchmarkBatch.randomPack(packs);
            grpc.add(Map.of("code", BenchmarkBatch.scan(pack), "requestId", Integer.toString(pack)));
            // A JSON string is a valid Lua long string's content: it has no "]]".
            lua.add("[[" + restBody(pack) + "]],");
        }
        lua.add("}");
        Files.write(Path.of(args[2]), JSON.writeValueAsBytes(grpc));
        Files.write(Path.of(args[3]), lua, UTF_8);
        Files.writeString(Path.of(args[4]), restBody(1), UTF_8);
    }

    private static String restBody(final int pack) throws IOException {
        return JSON.writeValueAsString(Map.of("code", BenchmarkBatch.scan(pack)));
    }
}
