package org.dawaledger.gateway.verify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.problem.Problem;

/**
 * Anonymous verification limited per client address, so that one client cannot take the gateway from the 40,000
 * pharmacies and the public: a token bucket each ({@code dawaledger.anonymous.burst} at once, refilled at
 * {@code dawaledger.anonymous.per-second}). Signed-in parties are not limited here.
 */
@ApplicationScoped
public class AnonymousRateLimit {
    /** Beyond this many clients, buckets that have refilled completely are forgotten: they hold nothing. */
    private static final int MAX_CLIENTS = 100_000;

    private final double perSecond;
    private final int burst;
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    AnonymousRateLimit(final GatewayConfig config) {
        this.perSecond = config.anonymous().perSecond();
        this.burst = config.anonymous().burst();
    }

    /**
     * Takes one verification from a client's bucket.
     *
     * @throws WebApplicationException a 429 problem with {@code Retry-After} if the bucket is empty
     */
    public void take(final String client) {
        final long wait = secondsToWait(client);
        if (wait > 0) {
            final Response problem = Problem.response(429, "RATE_LIMITED", null, refusal(wait));
            throw new WebApplicationException(Response.fromResponse(problem)
                    .header("Retry-After", Long.toString(wait)).build());
        }
    }

    /** Takes one verification from a client's bucket: 0 when taken, else the whole seconds until one is there. */
    public long secondsToWait(final String client) {
        final long now = System.nanoTime();
        // At most one sweep a second, by one caller: with that many clients, a sweep per call would be the hot path.
        final long swept = lastSweep.get();
        if (buckets.size() > MAX_CLIENTS && now - swept > SWEEP_INTERVAL_NANOS && lastSweep.compareAndSet(swept, now)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        final Bucket bucket = buckets.computeIfAbsent(client, ignored -> new Bucket());
        return (long) Math.ceil(bucket.take(now));
    }

    /** What a refused client hears. */
    public static String refusal(final long secondsToWait) {
        return "too many anonymous verifications from this address; sign in, or try again in " + secondsToWait
                + " s";
    }

    private final class Bucket {
        private double tokens = burst;
        private long updated = System.nanoTime();

        /** Takes a token: 0 when taken, else the seconds until one is there. */
        synchronized double take(final long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return perSecond <= 0 ? 3600 : (1 - tokens) / perSecond;
        }

        synchronized boolean isFull(final long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(final long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
        }
    }
}
