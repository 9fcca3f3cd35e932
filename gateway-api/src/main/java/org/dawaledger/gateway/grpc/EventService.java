package org.dawaledger.gateway.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.event.LedgerEvents;
import org.dawaledger.gateway.grpc.v1.Events;
import org.dawaledger.gateway.grpc.v1.LedgerEvent;
import org.dawaledger.gateway.grpc.v1.WatchEventsRequest;
import org.dawaledger.gateway.ledger.GatewayLedger;

/** The ledger's recalls, clearances and alerts over gRPC ({@code dawaledger.v1.Events}), as GET /api/v1/events. */
@GrpcService
public class EventService implements Events {
    private final LedgerEvents events;
    private final SignIn signIn;
    private final GatewayLedger ledger;

    EventService(final LedgerEvents events, final SignIn signIn, final GatewayLedger ledger) {
        this.events = events;
        this.signIn = signIn;
        this.ledger = ledger;
    }

    @Override
    @Blocking
    public Multi<LedgerEvent> watchEvents(final WatchEventsRequest request) {
        final String authorization = CallMetadata.AUTHORIZATION.get();
        try {
            final var viewer = signIn.optional(authorization);
            final LedgerEvents.Position from = LedgerEvents.Position.of(request.getAfterEventId(),
                    request.hasFromBlock() ? request.getFromBlock() : null, ledger.ledger().height());
            return events.watch(viewer, from).map(event -> LedgerEvent.newBuilder().setId(event.id())
                    .setType(event.type()).setBlock(event.block()).setTransactionId(event.transactionId())
                    .setTimestamp(event.timestamp()).setDataJson(event.data().toString()).build());
        } catch (IllegalArgumentException e) {
            return Multi.createFrom().failure(GrpcProblems.of("INVALID_ARGUMENT", e.getMessage()));
        } catch (RuntimeException e) {
            return Multi.createFrom().failure(GrpcProblems.of(e));
        }
    }
}
