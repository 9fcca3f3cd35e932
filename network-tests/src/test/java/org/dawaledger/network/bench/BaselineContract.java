package org.dawaledger.network.bench;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The simplest write a Fabric chaincode can make: one key, no checks. The benchmark's baseline, deployed beside the
 * ledger on the same network ({@code network.sh bench}) under the same endorsement policy, so that the ledger's
 * rates are read as a share of what the network itself can do. Not the default contract: the classpath it runs from
 * holds the ledger's contract too, which is, so it is called by name, {@code baseline:Put}.
 */
@Contract(name = "baseline")
public final class BaselineContract implements ContractInterface {
    @Transaction(name = "Put", intent = Transaction.TYPE.SUBMIT)
    public String put(final Context ctx, final String key, final String value) {
        ctx.getStub().putState(key, value.getBytes(StandardCharsets.UTF_8));
        return key;
    }
}
