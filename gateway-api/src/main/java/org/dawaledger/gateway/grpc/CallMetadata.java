package org.dawaledger.gateway.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Who calls over gRPC: the {@code authorization} metadata (a bearer token) and the client's address. */
@GlobalInterceptor
@ApplicationScoped
public class CallMetadata implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION_HEADER =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> AUTHORIZATION = Context.key("dawaledger-authorization");
    static final Context.Key<String> CLIENT_ADDRESS = Context.key("dawaledger-client-address");

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, A> call, final Metadata headers,
            final ServerCallHandler<Q, A> next) {
        final SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        final String address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        final Context context = Context.current().withValues(AUTHORIZATION, headers.get(AUTHORIZATION_HEADER),
                CLIENT_ADDRESS, address);
        return Contexts.interceptCall(context, call, headers, next);
    }
}
