package org.dawaledger.gateway.bench;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The ceiling of the gateway's benchmark: a server that does nothing but answer, on the same machine. Over gRPC it
 * serves {@code dawaledger.v1.Verification}'s {@code Verify} and {@code VerifyStream} with bytes in and bytes out (no
 * parsing), answering every request with a canned {@code VerifyReply} the gateway gave; over HTTP it answers every
 * request, once its body is read, with a canned JSON body the gateway gave. The same clients, with the same
 * settings, then measure it and the gateway.
 *
 * <p>Arguments: {@code GRPC_PORT GRPC_REPLY_FILE HTTP_PORT HTTP_REPLY_FILE}. Runs until killed.
 */
public final class EchoServer {
    private static final String SERVICE = "dawaledger.v1.Verification";

    private EchoServer() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: EchoServer GRPC_PORT GRPC_REPLY_FILE HTTP_PORT HTTP_REPLY_FILE");
        }
        final byte[] grpcReply = Files.readAllBytes(Path.of(args[1]));
        final Buffer httpReply = Buffer.buffer(Files.readAllBytes(Path.of(args[3])));

        // The answer is written on the transport's own thread: nothing here is worth a hop to another.
        final Server grpc = NettyServerBuilder.forPort(Integer.parseInt(args[0])).directExecutor()
                .addService(verification(grpcReply)).build().start();
        final Vertx vertx = Vertx.vertx();
        final HttpServer http = vertx.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(ignored -> request.response().putHeader("Content-Type", "application/json")
                        .end(httpReply))).listen(Integer.parseInt(args[2])).toCompletionStage().toCompletableFuture()
                .get();
        System.err.printf("bench: echo on gRPC port %d and HTTP port %d%n", grpc.getPort(), http.actualPort());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            grpc.shutdownNow();
            vertx.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static ServerServiceDefinition verification(final byte[] reply) {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(method(MethodDescriptor.MethodType.UNARY, "Verify"),
                        ServerCalls.asyncUnaryCall((request, answers) -> {
                            answers.onNext(reply);
                            answers.onCompleted();
                        }))
                .addMethod(method(MethodDescriptor.MethodType.BIDI_STREAMING, "VerifyStream"),
                        ServerCalls.asyncBidiStreamingCall(answers -> new StreamObserver<byte[]>() {
                            @Override
                            public void onNext(final byte[] request) {
                                answers.onNext(reply);
                            }

                            @Override
                            public void onError(final Throwable failure) {
                                // the client went away
                            }

                            @Override
                            public void onCompleted() {
                                answers.onCompleted();
                            }
                        }))
                .build();
    }

    private static MethodDescriptor<byte[], byte[]> method(final MethodDescriptor.MethodType type,
            final String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(Bytes.MARSHALLER).setResponseMarshaller(Bytes.MARSHALLER).build();
    }

    /** A message as its bytes, unparsed. */
    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        static final Bytes MARSHALLER = new Bytes();

        @Override
        public InputStream stream(final byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(final InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
