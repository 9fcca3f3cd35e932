/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dawaledger.gateway.grpc.v1.DispenseRequest;
import org.dawaledger.gateway.grpc.v1.PackOutcomes;
import org.dawaledger.gateway.grpc.v1.PacksGrpc;
import org.dawaledger.gateway.grpc.v1.VerificationGrpc;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;

/** The gateway over one gRPC channel: TLS (or plaintext to a local gateway), the token in every call's metadata. */
final class GrpcGateway implements Gateway {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final long UNARY_SECONDS = 30;
    private static final Object END = new Object();

    private final ManagedChannel channel;
    private final VerificationGrpc.VerificationBlockingStub verification;
    private final VerificationGrpc.VerificationStub verificationStream;
    private final PacksGrpc.PacksBlockingStub packs;

    GrpcGateway(final String target, final Optional<Path> tlsCa, final boolean plaintext,
            final Optional<String> token) {
        final ChannelCredentials credentials;
        try {
            credentials = plaintext ? InsecureChannelCredentials.create()
                    : tlsCa.isPresent() ? TlsChannelCredentials.newBuilder().trustManager(tlsCa.get().toFile()).build()
                    : TlsChannelCredentials.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS CA certificate " + tlsCa.get(), e);
        }
        this.channel = Grpc.newChannelBuilder(target, credentials).build();
        final Metadata headers = new Metadata();
        token.ifPresent(value -> headers.put(AUTHORIZATION, "Bearer " + value));
        final ClientInterceptor signIn = MetadataUtils.newAttachHeadersInterceptor(headers);
        this.verification = VerificationGrpc.newBlockingStub(channel).withInterceptors(signIn);
        this.verificationStream = VerificationGrpc.newStub(channel).withInterceptors(signIn);
        this.packs = PacksGrpc.newBlockingStub(channel).withInterceptors(signIn);
    }

    @Override
    public VerifyReply verify(final VerifyRequest request) {
        try {
            return verification.withDeadlineAfter(UNARY_SECONDS, TimeUnit.SECONDS).verify(request);
        } catch (RuntimeException e) {
            throw GatewayException.of(e, 0);
        }
    }

    @Override
    public PackOutcomes dispense(final DispenseRequest request) {
        try {
            return packs.withDeadlineAfter(UNARY_SECONDS, TimeUnit.SECONDS).dispense(request);
        } catch (RuntimeException e) {
            throw GatewayException.of(e, 0);
        }
    }

    @Override
    public void verifyStream(final List<VerifyRequest> requests, final Consumer<VerifyReply> answers) {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final Iterator<VerifyRequest> next = requests.iterator();
        verificationStream.verifyStream(new ClientResponseObserver<VerifyRequest, VerifyReply>() {
            @Override
            public void beforeStart(final ClientCallStreamObserver<VerifyRequest> stream) {
                // Send only as fast as the gateway takes them: a long file is never held whole in gRPC's buffers.
                final boolean[] completed = {false};
                stream.setOnReadyHandler(() -> {
                    while (stream.isReady() && next.hasNext()) {
                        stream.onNext(next.next());
                    }
                    if (!next.hasNext() && !completed[0]) {
                        completed[0] = true;
                        stream.onCompleted();
                    }
                });
            }

            @Override
            public void onNext(final VerifyReply reply) {
                events.add(reply);
            }

            @Override
            public void onError(final Throwable failure) {
                events.add(failure);
            }

            @Override
            public void onCompleted() {
                events.add(END);
            }
        });
        int answered = 0;
        while (true) {
            final Object event;
            try {
                event = events.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GatewayException.of(e, answered);
            }
            if (event == END) {
                return;
            }
            if (event instanceof Throwable failure) {
                throw GatewayException.of(failure, answered);
            }
            answers.accept((VerifyReply) event);
            answered++;
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
