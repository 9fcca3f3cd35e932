package org.dawaledger.chaincode.ledger;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * A call the ledger refuses, with its {@link ErrorCode}. Its own type, because the shim's errors are
 * {@link ChaincodeException}s too (its {@code ContractRuntimeException}) and must not pass for a refusal.
 */
public final class LedgerRefusal extends ChaincodeException {
    private final ErrorCode code;

    LedgerRefusal(final ErrorCode code, final String text) {
        super("[" + code.name() + "] " + text, code.name().getBytes(StandardCharsets.UTF_8));
        this.code = code;
    }

    /** Why the call was refused. */
    public ErrorCode code() {
        return code;
    }
}
