package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gs1.Gtin;

/** The REST API as a test calls it: as a participant of the demo wallet, or anonymously. */
final class Api {
    private static final AtomicInteger ITEMS = new AtomicInteger(100);

    private final TokenStore tokens;
    private final java.util.Map<String, String> issued = new java.util.concurrent.ConcurrentHashMap<>();

    Api(final Path dataDir) {
        this.tokens = new TokenStore(dataDir);
    }

    /** A request as a participant of the wallet, with a token issued for it. */
    RequestSpecification as(final String participant) {
        return given().header("Authorization", "Bearer " + issued.computeIfAbsent(participant, tokens::issue)).contentType(ContentType.JSON);
    }

    /** A gRPC stub that calls as a participant of the wallet, with a token issued for it. */
    <S extends AbstractStub<S>> S as(final S stub, final String participant) {
        return withToken(stub, issued.computeIfAbsent(participant, tokens::issue));
    }

    /** A gRPC stub that sends a bearer token in its {@code authorization} metadata. */
    static <S extends AbstractStub<S>> S withToken(final S stub, final String token) {
        final Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    ValidatableResponse post(final String participant, final String path, final Object body) {
        return as(participant).body(body).when().post(path).then();
    }

    ValidatableResponse get(final String participant, final String path) {
        return as(participant).when().get(path).then();
    }

    /** A GTIN no other test uses, under the demo manufacturer's company prefix 8960001. */
    static String newGtin() {
        final String digits = String.format(Locale.ROOT, "08960001%05d", ITEMS.incrementAndGet());
        return digits + Gtin.checkDigit(digits);
    }

    /** A GTIN no other test uses, outside every domestic prefix (an importer's). */
    static String newForeignGtin() {
        final String digits = String.format(Locale.ROOT, "04012345%05d", ITEMS.incrementAndGet());
        return digits + Gtin.checkDigit(digits);
    }
}
