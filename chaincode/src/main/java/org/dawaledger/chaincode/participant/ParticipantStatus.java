package org.dawaledger.chaincode.participant;

/** A licence's standing. Only ACTIVE parties may write; REVOKED is final. */
public enum ParticipantStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED
}
