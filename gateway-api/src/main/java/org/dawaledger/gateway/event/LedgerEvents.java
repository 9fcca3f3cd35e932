package org.dawaledger.gateway.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.ledger.BlockFeed;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.CommittedTransaction;

/**
 * The ledger's recalls, withdrawals, clearances and alerts as they are committed, for server-sent events and gRPC
 * watchers. Recalls and withdrawals are public; the regulator sees everything; another party sees, besides, the
 * clearances of its own imports and the alerts it raised.
 */
@ApplicationScoped
public class LedgerEvents {
    /** A watcher too slow to take this many events is dropped; it reconnects from its Last-Event-ID. */
    private static final int BUFFER = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayLedger ledger;
    private final AtomicInteger followers = new AtomicInteger();
    /** A thread per watcher, waiting on its block feed: a feed's next() blocks. */
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        final Thread thread = new Thread(runnable, "ledger-events-" + followers.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    LedgerEvents(final GatewayLedger ledger) {
        this.ledger = ledger;
    }

    /** Where a watch starts: after a given event, or at the next block to be committed. */
    public record Position(long block, int skip) {
        /**
         * The position after an event id ({@code Last-Event-ID}), or the next block when there is none.
         *
         * @throws IllegalArgumentException if the id is not one this gateway gave
         */
        public static Position after(final String lastEventId, final long height) {
            if (lastEventId == null || lastEventId.isBlank()) {
                return new Position(height, 0);
            }
            final String[] parts = lastEventId.strip().split("-", -1);
            try {
                if (parts.length == 2) {
                    final long block = Long.parseLong(parts[0]);
                    final int index = Integer.parseInt(parts[1]);
                    if (block >= 0 && index >= 0) {
                        return new Position(block, index + 1);
                    }
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException("an event id is <block>-<index>, as the events carry it: "
                    + lastEventId);
        }

        /**
         * Where a watcher asked to start: right after an event it saw, else at a block, else at the next block.
         *
         * @throws IllegalArgumentException if the event id is not one this gateway gave or the block is negative
         */
        public static Position of(final String afterEventId, final Long fromBlock, final long height) {
            return afterEventId != null && !afterEventId.isEmpty() ? after(afterEventId, height)
                    : fromBlock != null ? at(fromBlock) : new Position(height, 0);
        }

        /** The position at the start of a block. */
        public static Position at(final long block) {
            if (block < 0) {
                throw new IllegalArgumentException("a block number is 0 or more: " + block);
            }
            return new Position(block, 0);
        }
    }

    /**
     * The events a viewer may see, from a position on, as they are committed. The stream never ends by itself.
     *
     * @param viewer the signed-in party, or null for the public
     */
    public Multi<LedgerEvent> watch(final Caller viewer, final Position from) {
        final Predicate<LedgerEvent> visible = visibleTo(viewer);
        return Multi.createFrom().<LedgerEvent>emitter(emitter -> {
            final BlockFeed feed = ledger.ledger().blocks(from.block());
            emitter.onTermination(feed::close);
            threads.execute(() -> {
                try {
                    while (!emitter.isCancelled()) {
                        final CommittedBlock block = feed.next();
                        final List<LedgerEvent> events = eventsOf(block);
                        final int first = block.number() == from.block() ? from.skip() : 0;
                        for (int i = first; i < events.size(); i++) {
                            if (visible.test(events.get(i))) {
                                emitter.emit(events.get(i));
                            }
                        }
                    }
                } catch (NoSuchElementException closed) {
                    emitter.complete();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        }).onOverflow().buffer(BUFFER);
    }

    private Predicate<LedgerEvent> visibleTo(final Caller viewer) {
        if (viewer == null) {
            return LedgerEvents::isPublic;
        }
        final JsonNode me = read(ledger.ledger().evaluate(viewer, "WhoAmI").answer()).path("participant");
        if (me.path("role").asText().equals("REGULATOR")) {
            return event -> true;
        }
        final String gln = me.path("gln").asText();
        return event -> isPublic(event) || switch (event.type()) {
            case "ImportCleared" -> gln.equals(event.data().path("batch").path("ownerGln").asText());
            case "AlertRaised", "AlertResolved" -> gln.equals(event.data().path("raisedBy").asText());
            default -> false;
        };
    }

    private static boolean isPublic(final LedgerEvent event) {
        return event.type().equals("BatchRecalled") || event.type().equals("ProductWithdrawn");
    }

    /** A block's events, numbered in the block, so that an id names one event for good. */
    static List<LedgerEvent> eventsOf(final CommittedBlock block) {
        final List<LedgerEvent> events = new ArrayList<>();
        for (final CommittedTransaction transaction : block.transactions()) {
            if (!transaction.isValid() || transaction.event().isEmpty()) {
                continue;
            }
            final JsonNode payload = read(transaction.event().get().payload());
            final String name = transaction.event().get().name();
            final JsonNode data = payload.path("data");
            switch (name) {
                case "BatchRecalled", "ImportCleared" -> events.add(event(block, events, name, payload, data));
                case "ProductWithdrawn" -> events.add(event(block, events, name, payload, data.path("product")));
                case "SuspectPackReported" -> events.add(event(block, events, "AlertRaised", payload,
                        data.path("alert")));
                case "AlertResolved" -> events.add(event(block, events, name, payload, data.path("alert")));
                case "PacksDispensed", "PacksDecommissioned" -> data.path("alerts").forEach(alert ->
                        events.add(event(block, events, "AlertRaised", payload, alert)));
                default -> {
                    // the supply chain's daily moves are not told
                }
            }
        }
        return events;
    }

    private static LedgerEvent event(final CommittedBlock block, final List<LedgerEvent> before, final String type,
            final JsonNode payload, final JsonNode data) {
        return new LedgerEvent(block.number() + "-" + before.size(), type, block.number(),
                payload.path("txId").asText(), payload.path("timestamp").asText(), data);
    }

    private static JsonNode read(final byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
