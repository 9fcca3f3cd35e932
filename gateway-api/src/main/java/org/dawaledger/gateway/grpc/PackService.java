package org.dawaledger.gateway.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;
import org.dawaledger.gateway.grpc.v1.DecommissionRequest;
import org.dawaledger.gateway.grpc.v1.DispenseRequest;
import org.dawaledger.gateway.grpc.v1.PackIdentifier;
import org.dawaledger.gateway.grpc.v1.PackOutcome;
import org.dawaledger.gateway.grpc.v1.PackOutcomes;
import org.dawaledger.gateway.grpc.v1.Packs;
import org.dawaledger.gateway.transaction.ContractCalls;

/** Dispensing and decommissioning over gRPC ({@code dawaledger.v1.Packs}): the REST API's writes, for scanners. */
@GrpcService
public class PackService implements Packs {
    private final ContractCalls calls;

    PackService(final ContractCalls calls) {
        this.calls = calls;
    }

    @Override
    @Blocking
    public Uni<PackOutcomes> dispense(final DispenseRequest request) {
        final String authorization = CallMetadata.AUTHORIZATION.get();
        return outcomes(() -> calls.submit(authorization, key(request.getIdempotencyKey()), "DispensePacks",
                packs(request.getPacksList())));
    }

    @Override
    @Blocking
    public Uni<PackOutcomes> decommission(final DecommissionRequest request) {
        final String authorization = CallMetadata.AUTHORIZATION.get();
        return outcomes(() -> calls.submit(authorization, key(request.getIdempotencyKey()), "DecommissionPacks",
                packs(request.getPacksList()), request.getReason()));
    }

    private static Uni<PackOutcomes> outcomes(final Supplier<JsonNode> write) {
        try {
            final JsonNode written = write.get();
            final PackOutcomes.Builder reply = PackOutcomes.newBuilder()
                    .setTransactionId(written.path("transactionId").asText())
                    .setBlock(written.path("block").asLong());
            written.path("result").forEach(outcome -> reply.addOutcomes(PackOutcome.newBuilder()
                    .setGtin(outcome.path("gtin").asText()).setSerial(outcome.path("serial").asText())
                    .setAccepted(outcome.path("accepted").asBoolean()).setCode(outcome.path("code").asText())
                    .setMessage(outcome.path("message").asText()).setAlertId(outcome.path("alertId").asText())));
            return Uni.createFrom().item(reply.build());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(GrpcProblems.of(e));
        }
    }

    /** Proto3 has no absent string: an empty key is no key. */
    private static String key(final String idempotencyKey) {
        return idempotencyKey.isEmpty() ? null : idempotencyKey;
    }

    /** The packs as the contract reads them; empty lot and expiry are left out, so they are not checked. */
    private static String packs(final List<PackIdentifier> packs) {
        final ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (final PackIdentifier pack : packs) {
            final ObjectNode item = list.addObject().put("gtin", pack.getGtin()).put("serial", pack.getSerial());
            if (!pack.getLot().isEmpty()) {
                item.put("lot", pack.getLot());
            }
            if (!pack.getExpiry().isEmpty()) {
                item.put("expiry", pack.getExpiry());
            }
        }
        return ContractCalls.json(list);
    }
}
