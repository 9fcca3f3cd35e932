package org.dawaledger.chaincode.pack;

/** Why a custodian takes a pack out of the supply chain other than by dispensing it. */
public enum DecommissionReason {
    EXPORTED(PackStatus.EXPORTED),
    CHECKED_OUT(PackStatus.CHECKED_OUT),
    STOLEN(PackStatus.STOLEN),
    SAMPLE(PackStatus.SAMPLE),
    FREE_SAMPLE(PackStatus.FREE_SAMPLE),
    LOCKED(PackStatus.LOCKED),
    DESTROYED(PackStatus.DESTROYED);

    private final PackStatus status;

    DecommissionReason(final PackStatus status) {
        this.status = status;
    }

    public PackStatus status() {
        return status;
    }
}
