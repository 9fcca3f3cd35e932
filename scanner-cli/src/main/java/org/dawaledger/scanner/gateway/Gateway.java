/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import java.util.List;
import java.util.function.Consumer;
import org.dawaledger.gateway.grpc.v1.DispenseRequest;
import org.dawaledger.gateway.grpc.v1.PackOutcomes;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;

/** The gateway's gRPC API ({@code dawaledger.v1}) as the scanner calls it, as the caller whose token it holds. */
public interface Gateway extends AutoCloseable {
    /**
     * Verifies one pack.
     * @param request the scan.
     * @return the verdict.
     * @throws GatewayException if the gateway cannot be reached, or refuses or cannot judge the request.
     */
    VerifyReply verify(VerifyRequest request);

    /**
     * Verifies packs over one stream, answered in order, each answer handed over as it comes.
     * @param requests the scans.
     * @param answers gets each answer (a verdict, or the problem that kept one scan from being judged).
     * @throws GatewayException if the stream fails; {@link GatewayException#answered()} says how many scans were
     *     answered before.
     */
    void verifyStream(List<VerifyRequest> requests, Consumer<VerifyReply> answers);

    /**
     * Dispenses packs in one transaction; a retry with the same idempotency key answers the first outcome.
     * @param request the packs and the key.
     * @return one outcome per pack.
     * @throws GatewayException if the gateway cannot be reached or refuses the call.
     */
    PackOutcomes dispense(DispenseRequest request);

    @Override
    void close();
}
