/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.dawaledger.gateway.grpc.v1.DispenseRequest;
import org.dawaledger.gateway.grpc.v1.PackIdentifier;
import org.dawaledger.gateway.grpc.v1.PackOutcome;
import org.dawaledger.gateway.grpc.v1.PackOutcomes;
import org.dawaledger.gateway.grpc.v1.PacksGrpc;
import org.dawaledger.gateway.grpc.v1.Problem;
import org.dawaledger.gateway.grpc.v1.VerificationGrpc;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.gs1.Gs1ElementString;
import org.dawaledger.gs1.Gs1FormatException;

/**
 * A unit tests' stand-in for the gateway's gRPC API, on a real socket: a serial starting FAKE is unknown, any other
 * ACTIVE; a pack dispenses once, a repeated idempotency key answers the first outcome, and only the token
 * {@link #TOKEN} is accepted where one is sent.
 */
final class FakeGateway implements AutoCloseable {
    static final String TOKEN = "dlt_test_secret_token";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> verified = new CopyOnWriteArrayList<>();
    final List<String> dispenseKeys = new CopyOnWriteArrayList<>();
    private final Map<String, PackOutcomes> answeredKeys = new ConcurrentHashMap<>();
    private final Map<String, Boolean> supplied = new ConcurrentHashMap<>();
    private final Server server;
    private long block = 10;

    FakeGateway() {
        final ServerInterceptor signIn = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, A> call, final Metadata headers,
                    final ServerCallHandler<Q, A> next) {
                final String authorization = headers.get(AUTHORIZATION);
                authorizations.add(authorization == null ? "" : authorization);
                if (authorization != null && !authorization.equals("Bearer " + TOKEN)) {
                    call.close(Status.UNAUTHENTICATED.withDescription("[UNAUTHENTICATED] Authorization: this "
                            + "token was not issued by this gateway, or is revoked"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, headers);
            }
        };
        try {
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(ServerInterceptors.intercept(new Verification(), signIn))
                    .addService(ServerInterceptors.intercept(new Packs(), signIn)).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return "localhost:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private VerifyReply reply(final VerifyRequest request) {
        verified.add(request.getCode());
        final VerifyReply.Builder reply = VerifyReply.newBuilder().setRequestId(request.getRequestId());
        try {
            final var pack = Gs1ElementString.parse(request.getCode()).toPackIdentifier(2026);
            final String serial = pack.serial().orElse("");
            final boolean fake = serial.startsWith("FAKE");
            return reply.setVerdict(fake ? "UNKNOWN_SERIAL" : "ACTIVE").addFindings(fake ? "UNKNOWN_SERIAL" : "ACTIVE")
                    .setLevel(fake ? "SUSPECT" : "OK").setProductName("Panadol 500 mg")
                    .setIdentifier(PackIdentifier.newBuilder().setGtin(pack.gtin().value()).setSerial(serial)
                            .setLot(pack.lot()).setExpiry(pack.expiry().yymmdd()))
                    .setBlock(block).setAlertId(fake ? "alert-" + serial : "").build();
        } catch (Gs1FormatException e) {
            return reply.setProblem(Problem.newBuilder().setCode("INVALID_SCAN").setField("gtin")
                    .setDetail(e.getMessage())).build();
        }
    }

    private final class Verification extends VerificationGrpc.VerificationImplBase {
        @Override
        public void verify(final VerifyRequest request, final StreamObserver<VerifyReply> answer) {
            final VerifyReply reply = reply(request);
            if (reply.hasProblem()) {
                answer.onError(Status.INVALID_ARGUMENT.withDescription("[" + reply.getProblem().getCode() + "] "
                        + reply.getProblem().getDetail()).asRuntimeException());
                return;
            }
            answer.onNext(reply);
            answer.onCompleted();
        }

        @Override
        public StreamObserver<VerifyRequest> verifyStream(final StreamObserver<VerifyReply> answers) {
            return new StreamObserver<>() {
                @Override
                public void onNext(final VerifyRequest request) {
                    answers.onNext(reply(request));
                }

                @Override
                public void onError(final Throwable failure) {
                    // the client went away
                }

                @Override
                public void onCompleted() {
                    answers.onCompleted();
                }
            };
        }
    }

    private final class Packs extends PacksGrpc.PacksImplBase {
        @Override
        public synchronized void dispense(final DispenseRequest request, final StreamObserver<PackOutcomes> answer) {
            dispenseKeys.add(request.getIdempotencyKey());
            PackOutcomes outcomes = answeredKeys.get(request.getIdempotencyKey());
            if (outcomes == null) {
                final PackOutcomes.Builder reply = PackOutcomes.newBuilder().setBlock(++block).setTransactionId("tx"
                        + block);
                for (final PackIdentifier pack : request.getPacksList()) {
                    final boolean first = supplied.putIfAbsent(pack.getGtin() + "/" + pack.getSerial(), true) == null;
                    reply.addOutcomes(PackOutcome.newBuilder().setGtin(pack.getGtin()).setSerial(pack.getSerial())
                            .setAccepted(first).setCode(first ? "SUPPLIED" : "ALREADY_SUPPLIED")
                            .setMessage(first ? "The pack is now SUPPLIED." : "This pack was dispensed already.")
                            .setAlertId(first ? "" : "alert-" + pack.getSerial()));
                }
                outcomes = reply.build();
                answeredKeys.put(request.getIdempotencyKey(), outcomes);
            }
            answer.onNext(outcomes);
            answer.onCompleted();
        }
    }
}
