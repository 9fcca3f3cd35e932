package org.dawaledger.gateway.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The ledger's recalls, clearances and alerts as server-sent events. */
@Path("/api/v1")
public class EventResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerEvents events;
    private final SignIn signIn;
    private final GatewayLedger ledger;

    EventResource(final LedgerEvents events, final SignIn signIn, final GatewayLedger ledger) {
        this.events = events;
        this.signIn = signIn;
        this.ledger = ledger;
    }

    private static String json(final LedgerEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("events")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Watch recalls, clearances and alerts", description = "Server-sent events, one per"
            + " BatchRecalled, ProductWithdrawn, ImportCleared, AlertRaised or AlertResolved, as they are committed;"
            + " `data` is JSON {id, type, block, transactionId, timestamp, data}. Anyone sees recalls and withdrawals;"
            + " the regulator sees everything; another party also its own imports' clearances and the alerts it"
            + " raised. Reconnect with Last-Event-ID to continue after the last event seen, or pass fromBlock.")
    public Multi<OutboundSseEvent> watch(@HeaderParam(HttpHeaders.AUTHORIZATION) final String authorization,
            @HeaderParam("Last-Event-ID") final String lastEventId, @QueryParam("fromBlock") final Long fromBlock,
            @Context final Sse sse) {
        final var viewer = signIn.optional(authorization);
        final LedgerEvents.Position from;
        try {
            from = LedgerEvents.Position.of(lastEventId, fromBlock, ledger.ledger().height());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("INVALID_ARGUMENT", lastEventId != null ? "Last-Event-ID" : "fromBlock",
                    e.getMessage());
        }
        return events.watch(viewer, from).map(event -> sse.newEventBuilder().id(event.id()).name(event.type())
                .data(json(event)).build());
    }
}
