package org.dawaledger.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Test;

/**
 * The batches reach into the shim's internals; a shim upgrade that moves them would silently cost a round trip per
 * key again (a 10,000-serial commissioning: about 6 s of contract time per peer instead of 0.7 s). This says so.
 */
class PeerBatchesTest {
    @Test
    void thePinnedShimOffersTheMessageChannelTheBatchesAreSentThrough() {
        assertThat(PeerBatches.shimOffersBatches())
                .as("fabric-chaincode-shim no longer has InvocationStubImpl.handler / ChaincodeInvocationTask.invoke;"
                        + " PeerBatches must follow it, or use the shim's own batches if it now has them")
                .isTrue();
    }

    @Test
    void aStubThatIsNotTheShimsGetsNoBatchesAndTheLedgerAsksKeyByKey() {
        final ChaincodeStub otherStub = (ChaincodeStub) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ChaincodeStub.class}, (proxy, method, arguments) -> {
                    throw new UnsupportedOperationException(method.getName());
                });

        assertThat(PeerBatches.of(otherStub)).isEmpty();
    }
}
