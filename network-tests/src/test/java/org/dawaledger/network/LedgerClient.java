package org.dawaledger.network;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One organisation's identity talking to the ledger through its own peer's Fabric Gateway, as the organisation's
 * gateway service will. A write that loses an MVCC race (another transaction in the same block changed what it read)
 * is endorsed and submitted again, so that its answer is the one the ledger committed.
 */
public final class LedgerClient implements AutoCloseable {
    /** Large calls (10,000 serials) answer with several MB: gRPC's 4 MiB default is too small. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    private static final int MVCC_ATTEMPTS = 5;
    private static final Pattern CODE = Pattern.compile("\\[([A-Z_]+)\\] ");

    private final Organisation organisation;
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Contract contract;
    private final Contract ledgerQueries;

    private LedgerClient(final Organisation organisation, final String user) {
        this(organisation, user, "dawaledger");
    }

    private LedgerClient(final Organisation organisation, final String user, final String chaincode) {
        this.organisation = organisation;
        try {
            channel = Grpc.newChannelBuilder(organisation.peerEndpoint(),
                            TlsChannelCredentials.newBuilder().trustManager(organisation.tlsCa().toFile()).build())
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
            final Path msp = organisation.msp(user);
            gateway = Gateway.newInstance()
                    .identity(new X509Identity(organisation.mspId(), Identities.readX509Certificate(
                            reader(only(msp.resolve("signcerts"))))))
                    .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(reader(only(msp.resolve("keystore"))))))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .endorseOptions(options -> options.withDeadlineAfter(180, TimeUnit.SECONDS))
                    .submitOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .commitStatusOptions(options -> options.withDeadlineAfter(180, TimeUnit.SECONDS))
                    .connect();
            contract = gateway.getNetwork("dawaledger").getContract(chaincode);
            ledgerQueries = gateway.getNetwork("dawaledger").getContract("qscc");
        } catch (IOException | CertificateException | InvalidKeyException e) {
            throw new IllegalStateException("cannot connect as " + user + " of " + organisation, e);
        }
    }

    /** Connects as one of an organisation's identities (Admin, User1, User2). */
    public static LedgerClient as(final Organisation organisation, final String user) {
        return new LedgerClient(organisation, user);
    }

    /** Connects as one of an organisation's identities to another chaincode on the channel (the benchmark's). */
    public static LedgerClient as(final Organisation organisation, final String user, final String chaincode) {
        return new LedgerClient(organisation, user, chaincode);
    }

    public Organisation organisation() {
        return organisation;
    }

    /**
     * Submits a transaction and waits for it to commit, resubmitting it when it lost an MVCC race.
     *
     * @return the committed transaction's answer
     * @throws Refused if the ledger refused it (its code in {@link Refused#code()})
     */
    public Committed submit(final String transaction, final String... arguments) {
        for (int attempt = 1; ; attempt++) {
            final Committed committed = submitOnce(contract.newProposal(transaction).addArguments(arguments).build());
            if (committed.code() != TxValidationCode.MVCC_READ_CONFLICT || attempt == MVCC_ATTEMPTS) {
                if (committed.code() != TxValidationCode.VALID) {
                    throw new IllegalStateException(transaction + " was not committed: " + committed.code());
                }
                return committed;
            }
        }
    }

    /**
     * Submits a transaction endorsed by exactly these organisations' peers, and reports how it was validated
     * without resubmitting it.
     */
    public Committed submitEndorsedBy(final List<Organisation> endorsers, final String transaction,
            final String... arguments) {
        return submitOnce(contract.newProposal(transaction).addArguments(arguments)
                .setEndorsingOrganizations(endorsers.stream().map(Organisation::mspId).toArray(String[]::new))
                .build());
    }

    /**
     * Evaluates a read on the organisation's own peer.
     *
     * @throws Refused if the ledger refused it
     */
    public String evaluate(final String transaction, final String... arguments) {
        try {
            return new String(contract.evaluateTransaction(transaction, arguments), StandardCharsets.UTF_8);
        } catch (GatewayException e) {
            throw Refused.of(e);
        }
    }

    /** How many blocks this organisation's peer has committed. */
    public long height() {
        try {
            return BlockchainInfo.parseFrom(ledgerQueries.evaluateTransaction("GetChainInfo", "dawaledger"))
                    .getHeight();
        } catch (GatewayException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot read the height of " + organisation + "'s peer", e);
        }
    }

    /**
     * Waits until this organisation's peer has committed a block. Peers commit each block at slightly different
     * moments: a party acting on another's transaction waits for its own peer to have it.
     */
    public void awaitBlock(final long blockNumber) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (height() <= blockNumber) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(organisation + "'s peer has not committed block " + blockNumber);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Committed submitOnce(final Proposal proposal) {
        try {
            final Transaction endorsed = proposal.endorse();
            final int bytes = endorsed.getBytes().length;
            final SubmittedTransaction submitted = endorsed.submitAsync();
            final Status status = submitted.getStatus();
            return new Committed(new String(submitted.getResult(), StandardCharsets.UTF_8), status.getCode(),
                    status.getTransactionId(), status.getBlockNumber(), bytes);
        } catch (GatewayException e) {
            throw Refused.of(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
    }

    /**
     * A committed (or invalidated) transaction.
     *
     * @param answer what the chaincode answered when it was endorsed
     * @param code how the peers validated it
     * @param transactionId its id
     * @param blockNumber the block it is in
     * @param transactionBytes the size of the endorsed transaction the orderer received
     */
    public record Committed(String answer, TxValidationCode code, String transactionId, long blockNumber,
            int transactionBytes) {
    }

    /** The ledger refused a call: the chaincode's "[CODE] message", as the peers reported it. */
    public static final class Refused extends RuntimeException {
        private final String code;

        private Refused(final String code, final String message, final Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        static Refused of(final GatewayException e) {
            final StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
            e.getDetails().forEach(detail -> text.append("; ").append(detail.getMspId()).append(": ")
                    .append(detail.getMessage()));
            final Matcher code = CODE.matcher(text);
            return new Refused(code.find() ? code.group(1) : "UNKNOWN", text.toString(), e);
        }

        /** The ledger's error code, e.g. {@code ROLE_NOT_PERMITTED}; UNKNOWN when the message carried none. */
        public String code() {
            return code;
        }
    }

    private static Path only(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findFirst().orElseThrow(() -> new IOException("nothing in " + folder));
        }
    }

    private static Reader reader(final Path file) throws IOException {
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
