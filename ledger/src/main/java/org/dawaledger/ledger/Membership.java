package org.dawaledger.ledger;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organisations a ledger knows, by the certificate of each one's CA: a caller is a member when its certificate
 * was issued by its organisation's CA and is valid now, as a Fabric MSP checks a proposal's creator.
 */
final class Membership {
    private final Map<String, X509Certificate> authorities;
    private final Map<X509Certificate, Boolean> checked = new ConcurrentHashMap<>();

    Membership(final Map<String, X509Certificate> authorities) {
        this.authorities = Map.copyOf(authorities);
    }

    /**
     * Checks that the caller is a member of its organisation.
     *
     * @throws RefusedException if its organisation is unknown or its certificate was not issued by that
     *     organisation's CA or has expired
     */
    void check(final Caller caller, final java.time.Instant now) {
        final X509Certificate authority = authorities.get(caller.mspId());
        if (authority == null) {
            throw new RefusedException(0, "access denied: creator org unknown, " + caller.mspId()
                    + " is not a member of this channel");
        }
        final X509Certificate certificate = caller.certificate();
        final boolean issued = checked.computeIfAbsent(certificate, c -> issuedBy(c, authority));
        if (!issued) {
            throw new RefusedException(0, "access denied: the creator's certificate was not issued by "
                    + caller.mspId() + "'s CA");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant()) || now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new RefusedException(0, "access denied: the creator's certificate is not valid at " + now);
        }
    }

    private static boolean issuedBy(final X509Certificate certificate, final X509Certificate authority) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            certificate.verify(authority.getPublicKey());
            return certificate.getIssuerX500Principal().equals(authority.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
