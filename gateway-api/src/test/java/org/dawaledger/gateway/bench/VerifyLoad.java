package org.dawaledger.gateway.bench;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dawaledger.gateway.grpc.v1.VerificationGrpc;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;

/**
 * The gateway benchmark's own gRPC client (scripts/bench-gateway.sh): verifications of random packs of
 * {@link BenchmarkBatch}, a fixed number in flight for a fixed time, each answer checked to be ACTIVE (an answer
 * that is not, or a failed call, counts as an error). {@code stream}: {@code VerifyStream} on one stream per
 * connection, {@code in-flight / connections} scans outstanding on each, every scan timed from being sent until its
 * answer (answers come in order); {@code unary}: {@code in-flight} {@code Verify} calls outstanding, spread over the
 * connections, each timed. A warm-up of the same load runs first and is not counted. Prints one JSON line.
 *
 * <p>Arguments: {@code --target HOST:PORT --mode stream|unary [--connections 4] [--in-flight 32] [--seconds 10]
 * [--warmup 5] [--packs 1000000] [--save-reply FILE] [--server-pid PID]}; {@code --save-reply} writes one answer's
 * bytes first, for the echo server; {@code --server-pid} adds the CPU time that process (the server, on this
 * machine) used during the measured run.
 */
public final class VerifyLoad {
    private final List<ManagedChannel> channels;
    private final int inFlight;
    private final int packs;
    private final ProcessCpu server;
    private final AtomicLong errors = new AtomicLong();
    private final List<long[]> latencies = new ArrayList<>();
    private volatile long deadline;

    private VerifyLoad(final List<ManagedChannel> channels, final int inFlight, final int packs,
            final ProcessCpu server) {
        this.channels = channels;
        this.inFlight = inFlight;
        this.packs = packs;
        this.server = server;
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = options(args);
        final String mode = options.get("--mode");
        final int connections = Integer.parseInt(options.getOrDefault("--connections", "4"));
        final List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            // Answers are handled on the transport's threads: the client's own work is a few lines. Nothing is
            // retried, so retries' bookkeeping is no part of the client's cost.
            channels.add(NettyChannelBuilder.forTarget(options.get("--target")).usePlaintext().directExecutor()
                    .disableRetry().build());
        }
        try {
            final VerifyLoad load = new VerifyLoad(channels,
                    Integer.parseInt(options.getOrDefault("--in-flight", "32")),
                    Integer.parseInt(options.getOrDefault("--packs", "1000000")),
                    options.containsKey("--server-pid") ? ProcessCpu.of(options.get("--server-pid")) : null);
            if (options.containsKey("--save-reply")) {
                final VerifyReply reply = VerificationGrpc.newBlockingStub(channels.get(0))
                        .withDeadlineAfter(30, TimeUnit.SECONDS).verify(request(1));
                if (!isActive(reply)) {
                    throw new IllegalStateException("pack 1 of the benchmark's batch answered " + reply);
                }
                Files.write(Path.of(options.get("--save-reply")), reply.toByteArray());
            }
            final long warmup = Long.parseLong(options.getOrDefault("--warmup", "5"));
            if (warmup > 0) {
                load.run(mode, warmup);
            }
            System.out.println(load.run(mode, Long.parseLong(options.getOrDefault("--seconds", "10"))));
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    /** One timed run: its figures as a JSON object. */
    private String run(final String mode, final long seconds) throws InterruptedException, IOException {
        latencies.clear();
        errors.set(0);
        final double cpuBefore = serverCpu();
        final long start = System.nanoTime();
        deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        final CountDownLatch finished;
        switch (mode) {
            case "stream" -> {
                finished = new CountDownLatch(channels.size());
                for (final ManagedChannel channel : channels) {
                    new Stream(channel, inFlight / channels.size(), finished).start();
                }
            }
            case "unary" -> {
                finished = new CountDownLatch(inFlight);
                for (int i = 0; i < inFlight; i++) {
                    new Calls(channels.get(i % channels.size()), finished).next();
                }
            }
            default -> throw new IllegalArgumentException("--mode is stream or unary, not " + mode);
        }
        Thread.sleep(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        final double cpu = serverCpu() - cpuBefore;
        if (!finished.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still outstanding a minute after the run");
        }
        final long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
        final String figures = Figures.json("java", mode, sorted, (deadline - start) / 1e9, errors.get(), cpu);
        System.err.println("bench: " + figures);
        return figures;
    }

    /** One VerifyStream with a window of scans outstanding. */
    private final class Stream implements StreamObserver<VerifyReply> {
        private final ManagedChannel channel;
        private final int window;
        private final CountDownLatch finished;
        private final ArrayDeque<Long> sent = new ArrayDeque<>();
        private final Timings timings = new Timings();
        private StreamObserver<VerifyRequest> scans;

        Stream(final ManagedChannel channel, final int window, final CountDownLatch finished) {
            this.channel = channel;
            this.window = window;
            this.finished = finished;
        }

        synchronized void start() {
            scans = VerificationGrpc.newStub(channel).verifyStream(this);
            for (int i = 0; i < window; i++) {
                send();
            }
        }

        private void send() {
            sent.add(System.nanoTime());
            scans.onNext(request(BenchmarkBatch.randomPack(packs)));
        }

        @Override
        public synchronized void onNext(final VerifyReply reply) {
            final long now = System.nanoTime();
            final long sentAt = sent.remove();
            if (now < deadline) {
                timings.add(now - sentAt);
                if (!isActive(reply)) {
                    errors.incrementAndGet();
                }
                send();
            } else if (sent.isEmpty()) {
                scans.onCompleted();
            }
        }

        @Override
        public void onError(final Throwable failure) {
            errors.incrementAndGet();
            System.err.println("bench: a stream failed: " + failure);
            timings.keep();
            finished.countDown();
        }

        @Override
        public void onCompleted() {
            timings.keep();
            finished.countDown();
        }
    }

    /** Unary calls one after another, each sent when the one before it is answered. */
    private final class Calls {
        private final VerificationGrpc.VerificationStub stub;
        private final CountDownLatch finished;
        private final Timings timings = new Timings();

        Calls(final ManagedChannel channel, final CountDownLatch finished) {
            this.stub = VerificationGrpc.newStub(channel);
            this.finished = finished;
        }

        void next() {
            final long sentAt = System.nanoTime();
            if (sentAt >= deadline) {
                timings.keep();
                finished.countDown();
                return;
            }
            // From the root context: called back in the answered call's context, the next call would be its child,
            // and gRPC contexts would chain without end.
            Context.ROOT.run(() -> stub.verify(request(BenchmarkBatch.randomPack(packs)), new StreamObserver<>() {
                @Override
                public void onNext(final VerifyReply reply) {
                    if (!isActive(reply)) {
                        errors.incrementAndGet();
                    }
                }

                @Override
                public void onError(final Throwable failure) {
                    errors.incrementAndGet();
                    next();
                }

                @Override
                public void onCompleted() {
                    final long now = System.nanoTime();
                    if (now < deadline) {
                        timings.add(now - sentAt);
                    }
                    next();
                }
            }));
        }
    }

    /** The latencies of one caller, handed to the run when it is done. */
    private final class Timings {
        private long[] nanos = new long[1 << 16];
        private int count;

        void add(final long latency) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
        }

        void keep() {
            synchronized (latencies) {
                latencies.add(Arrays.copyOf(nanos, count));
            }
        }
    }

    /** The server's CPU seconds so far; NaN without a server to watch. */
    private double serverCpu() throws IOException {
        return server == null ? Double.NaN : server.seconds();
    }

    private static VerifyRequest request(final int pack) {
        return VerifyRequest.newBuilder().setCode(BenchmarkBatch.scan(pack)).setRequestId(Integer.toString(pack))
                .build();
    }

    private static boolean isActive(final VerifyReply reply) {
        return !reply.hasProblem() && reply.getVerdict().equals("ACTIVE");
    }

    private static Map<String, String> options(final String[] args) {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--target") || !options.containsKey("--mode")) {
            throw new IllegalArgumentException("usage: VerifyLoad --target HOST:PORT --mode stream|unary"
                    + " [--connections N] [--in-flight N] [--seconds S] [--warmup S] [--packs N]"
                    + " [--save-reply FILE] [--server-pid PID]; got " + Arrays.toString(args));
        }
        return options;
    }
}
