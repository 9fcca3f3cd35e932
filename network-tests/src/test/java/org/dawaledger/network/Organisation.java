package org.dawaledger.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.util.stream.Stream;
import org.dawaledger.ledger.Caller;
import org.hyperledger.fabric.client.identity.Identities;

/** The network's peer organisations, as network-config/ defines them. */
public enum Organisation {
    REGULATOR("RegulatorMSP", 7051),
    MANUFACTURER("ManufacturerMSP", 8051),
    IMPORTER("ImporterMSP", 9051),
    DISTRIBUTOR("DistributorMSP", 10051),
    PHARMACY("PharmacyMSP", 11051);

    private final String mspId;
    private final int peerPort;

    Organisation(final String mspId, final int peerPort) {
        this.mspId = mspId;
        this.peerPort = peerPort;
    }

    public String mspId() {
        return mspId;
    }

    public String peerEndpoint() {
        return "127.0.0.1:" + peerPort;
    }

    public String domain() {
        return name().toLowerCase(java.util.Locale.ROOT) + ".dawaledger.local";
    }

    Path home() {
        return FabricNetwork.organizations().resolve("peerOrganizations").resolve(domain());
    }

    /** The CA that signs the organisation's TLS certificates, which clients trust for its peer. */
    public Path tlsCa() {
        return home().resolve("tlsca").resolve("tlsca." + domain() + "-cert.pem");
    }

    /** The MSP folder of one of the organisation's identities: Admin, User1, User2. */
    public Path msp(final String user) {
        return home().resolve("users").resolve(user + "@" + domain()).resolve("msp");
    }

    /** One of the organisation's identities, as the ledger module's callers are: certificate and key. */
    public Caller caller(final String user) {
        final Path msp = msp(user);
        try {
            return new Caller(mspId, Identities.readX509Certificate(Files.readString(only(msp.resolve("signcerts")))),
                    Identities.readPrivateKey(Files.readString(only(msp.resolve("keystore")))));
        } catch (IOException | CertificateException | InvalidKeyException e) {
            throw new IllegalStateException("cannot read " + user + " of " + this + " from " + msp, e);
        }
    }

    private static Path only(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findFirst().orElseThrow(() -> new IOException("nothing in " + folder));
        }
    }
}
