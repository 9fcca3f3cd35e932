package org.dawaledger.network.bench;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The simplest writes a Fabric chaincode can make: one key, or many, with no checks. The benchmark's baseline, deployed beside the
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

    /** The simplest write of many keys: {@code count} keys {@code prefix-0000001}… of {@code valueBytes} bytes each. */
    @Transaction(name = "PutMany", intent = Transaction.TYPE.SUBMIT)
    public String putMany(final Context ctx, final String prefix, final int count, final int valueBytes) {
        final byte[] value = "v".repeat(valueBytes).getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i <= count; i++) {
            ctx.getStub().putState(String.format("%s-%07d", prefix, i), value);
        }
        return prefix;
    }
}
