package org.dawaledger.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.dawaledger.ledger.store.OrderedStore;
import org.dawaledger.ledger.store.WriteBatch;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The ledger on a real Fabric network, as one organisation sees it through its own peer.
 *
 * <ul>
 *   <li>Writes go through the peer's Fabric Gateway, endorsed by this organisation and one other at once (naming
 *       the endorsing organisations makes the gateway ask them in parallel; otherwise it asks one peer, then the
 *       rest). A {@code ProposalResponsePayloads do not match} (one peer a block behind the other) is endorsed again;
 *       a partner that cannot be reached is replaced by the next.
 *   <li>The local copy follows the peer by block events: the writes of the valid transactions of the chaincode's
 *       namespace, with their history, and each block, hash-chained to the one before, in one durable batch; so it
 *       resumes after a restart from its own height, with no gap and no block twice. A copy that holds blocks is
 *       first checked to be of the peer's chain (its block 0 is the peer's), so another network's ledger is never
 *       followed.
 *   <li>Reads run the chaincode on the local copy (or, when asked, on the peer).
 * </ul>
 */
public final class FabricLedger implements Ledger {
    /** The largest transaction (10,000 serials shipped, about 6 MB) and its block must fit a client's messages. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(FabricLedger.class.getName());
    private static final int ENDORSE_ATTEMPTS = 5;
    private static final Pattern CODE = Pattern.compile("\\[[A-Z][A-Z0-9_]*\\] .*", Pattern.DOTALL);

    private final LocalCopy copy;
    private final Chaincode chaincode;
    private final ManagedChannel peer;
    private final String channel;
    private final String chaincodeName;
    private final String mspId;
    private final List<String> partners;
    private final Clock clock;
    private final Duration localCopyWait;
    private final AtomicInteger nextPartner = new AtomicInteger();
    private final Map<X509Certificate, Gateway> gateways = new ConcurrentHashMap<>();
    private final Gateway followerGateway;
    private final Thread follower;
    private volatile boolean closed;
    private volatile RuntimeException followerFailure;
    private volatile CloseableIterator<Block> events;

    private FabricLedger(final Builder builder) {
        this.copy = new LocalCopy(builder.store);
        this.chaincode = builder.chaincode;
        this.peer = builder.peer;
        this.channel = builder.channel;
        this.chaincodeName = builder.chaincodeName;
        this.mspId = builder.mspId;
        this.partners = List.copyOf(builder.partners);
        this.clock = builder.clock;
        this.localCopyWait = builder.localCopyWait;
        this.followerGateway = connect(builder.follower);
        this.follower = new Thread(this::follow, "dawaledger-follower");
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * A ledger on the network behind this organisation's peer.
     *
     * @param store the local copy; it resumes from its own height
     * @param chaincode the contract, run locally for reads
     * @param peer a channel to the organisation's peer, with {@link #MAX_MESSAGE_BYTES} inbound (see {@link #peer})
     */
    public static Builder builder(final OrderedStore store, final Chaincode chaincode, final ManagedChannel peer) {
        return new Builder(store, chaincode, peer);
    }

    /**
     * A TLS channel to a peer, with message limits that fit the largest transaction and block.
     *
     * @param endpoint host:port
     * @param tlsRootCertificate the PEM file of the peer's TLS CA
     * @throws UncheckedIOException if the certificate file cannot be read
     */
    public static ManagedChannel peer(final String endpoint, final Path tlsRootCertificate) {
        try {
            final ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                    .trustManager(tlsRootCertificate.toFile()).build();
            return Grpc.newChannelBuilder(endpoint, credentials).maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the peer's TLS CA " + tlsRootCertificate, e);
        }
    }

    @Override
    public Submitted submit(final Caller caller, final String function, final String... arguments) {
        requireFollowing();
        final Contract contract = contract(caller);
        GatewayException last = null;
        for (int attempt = 1; attempt <= ENDORSE_ATTEMPTS; attempt++) {
            final String partner = partners.get(Math.floorMod(nextPartner.getAndIncrement(), partners.size()));
            try {
                final SubmittedTransaction submitted = contract.newProposal(function).addArguments(arguments)
                        .setEndorsingOrganizations(mspId, partner).build().endorse().submitAsync();
                final Status status = submitted.getStatus();
                if (!copy.awaitBlock(status.getBlockNumber(), localCopyWait)) {
                    throw new IllegalStateException("transaction " + status.getTransactionId() + " is in block "
                            + status.getBlockNumber() + ", which the local copy has not reached in " + localCopyWait);
                }
                return new Submitted(submitted.getResult(), status.getTransactionId(), status.getBlockNumber(),
                        status.getCode());
            } catch (EndorseException e) {
                final Optional<String> refused = refusal(e);
                // This organisation's peer has every block the caller has seen (the copy follows it): its refusal
                // is the ledger's. A partner's alone is a partner a block behind, as is a payload mismatch.
                if (refused.isPresent() && (refusedHere(e) || attempt == ENDORSE_ATTEMPTS)) {
                    throw new RefusedException(500, refused.get());
                }
                last = e;
                if (refused.isPresent() || details(e).contains("ProposalResponsePayloads do not match")) {
                    pause(Duration.ofMillis(100L * attempt));
                }
                LOG.log(Level.FINE, "endorsement attempt " + attempt + " failed; retrying", e);
            } catch (SubmitException | CommitStatusException e) {
                throw new IllegalStateException(function + " was endorsed but its commit is unknown: " + details(e),
                        e);
            }
        }
        throw new IllegalStateException(function + " could not be endorsed in " + ENDORSE_ATTEMPTS + " attempts: "
                + details(last), last);
    }

    /** Reads on the local copy of the world state. */
    @Override
    public Evaluated evaluate(final Caller caller, final String function, final String... arguments) {
        return copy.evaluate(chaincode, LocalCopy.proposal(channel, chaincodeName, mspId, caller, clock.instant(),
                function, arguments));
    }

    /**
     * Reads on the organisation's peer instead of the local copy.
     *
     * @return the answer; its block number is the local copy's, since the peer does not say which it read
     * @throws RefusedException if the chaincode refused it
     */
    public Evaluated evaluateOnPeer(final Caller caller, final String function, final String... arguments) {
        try {
            final long height = copy.height();
            return new Evaluated(contract(caller).evaluateTransaction(function, arguments), height - 1);
        } catch (GatewayException e) {
            throw new RefusedException(500, refusal(e).orElse(details(e)));
        }
    }

    @Override
    public long height() {
        return copy.height();
    }

    /**
     * How many blocks the organisation's peer has committed, as its {@code qscc GetChainInfo} answers.
     *
     * @throws IllegalStateException if the peer does not answer within 10 seconds
     */
    public long peerHeight() {
        try {
            final byte[] info = followerGateway.getNetwork(channel).getContract("qscc").newProposal("GetChainInfo")
                    .addArguments(channel).build().evaluate(options -> options.withDeadlineAfter(10,
                            TimeUnit.SECONDS));
            return BlockchainInfo.parseFrom(info).getHeight();
        } catch (GatewayException e) {
            throw new IllegalStateException("the peer does not say its height: " + details(e), e);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the peer's chain info cannot be read", e);
        }
    }

    /**
     * Why the local copy stopped following the peer for good: its blocks are not the peer's chain. Empty while it
     * follows (a lost connection is retried, and is not a failure).
     */
    public Optional<RuntimeException> followerFailure() {
        return Optional.ofNullable(followerFailure);
    }

    @Override
    public BlockFeed blocks(final long fromBlock) {
        return copy.blocks(fromBlock);
    }

    @Override
    public void close() {
        closed = true;
        final CloseableIterator<Block> current = events;
        if (current != null) {
            current.close();
        }
        follower.interrupt();
        try {
            follower.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateways.values().forEach(Gateway::close);
        followerGateway.close();
        copy.close();
    }

    // ------------------------------------------------------------------------------------------------ following

    private void follow() {
        Duration backoff = Duration.ofMillis(200);
        boolean sameChain = copy.height() == 0;
        while (!closed) {
            final Network network = followerGateway.getNetwork(channel);
            try {
                if (!sameChain) {
                    requireSameChain(network);
                    sameChain = true;
                }
                try (CloseableIterator<Block> stream = network.newBlockEventsRequest().startBlock(copy.height())
                        .build().getEvents()) {
                    events = stream;
                    while (!closed && stream.hasNext()) {
                        apply(stream.next());
                        backoff = Duration.ofMillis(200);
                    }
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (e instanceof BrokenChainException broken) {
                    followerFailure = broken;
                    LOG.log(Level.SEVERE, "stopped following the peer", broken);
                    return;
                }
                LOG.log(Level.WARNING, "lost the peer's block events at block " + copy.height() + "; reconnecting in "
                        + backoff.toMillis() + " ms: " + e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** The copy's block 0 is the peer's: a copy of another network's ledger (one re-created since) is not followed. */
    private void requireSameChain(final Network network) {
        final byte[] peers;
        try (CloseableIterator<Block> stream = network.newBlockEventsRequest().startBlock(0).build().getEvents()) {
            peers = FabricBlocks.read(stream.next(), chaincodeName).block().hash();
        }
        final byte[] held;
        try (BlockFeed feed = copy.blocks(0)) {
            held = feed.next().hash();
        }
        if (!Arrays.equals(peers, held)) {
            throw new BrokenChainException("the local copy's block 0 is not the peer's: it holds another network's"
                    + " ledger (" + copy.height() + " blocks); move its store away to follow this one");
        }
    }

    /** Applies one of the peer's blocks to the local copy; one it already has is ignored. */
    void apply(final Block block) {
        final FabricBlocks.Read read = FabricBlocks.read(block, chaincodeName);
        final CommittedBlock committed = read.block();
        final long height = copy.height();
        if (committed.number() < height) {
            return;
        }
        if (committed.number() > height) {
            throw new IllegalStateException("the peer sent block " + committed.number() + " where " + height
                    + " was expected");
        }
        copy.lastBlock().ifPresent(previous -> {
            if (!Arrays.equals(previous.hash(), committed.previousHash())) {
                throw new BrokenChainException("block " + committed.number() + " does not follow block "
                        + previous.number() + " held here: the peer's chain is not this copy's");
            }
        });
        final WriteBatch batch = new WriteBatch();
        final Iterator<Integer> positions = read.positions().iterator();
        for (final CommittedTransaction tx : committed.transactions()) {
            final int position = positions.next();
            if (tx.isValid()) {
                copy.state().stage(batch, tx.id(), tx.timestamp(),
                        new org.dawaledger.ledger.simulation.Version(committed.number(), position), tx.writes());
            }
        }
        copy.write(committed, batch);
    }

    /** The peer's blocks do not chain onto the copy's: following them would mix two ledgers. */
    static final class BrokenChainException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BrokenChainException(final String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------------------------------------ gateways

    private Contract contract(final Caller caller) {
        return gateways.computeIfAbsent(caller.certificate(), certificate -> connect(caller)).getNetwork(channel)
                .getContract(chaincodeName);
    }

    private Gateway connect(final Caller caller) {
        return Gateway.newInstance()
                .identity(new X509Identity(caller.mspId(), caller.certificate()))
                .signer(Signers.newPrivateKeySigner(caller.privateKey()))
                .hash(Hash.SHA256)
                .connection(peer)
                .evaluateOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(180, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(180, TimeUnit.SECONDS))
                .connect();
    }

    /** The chaincode's own refusal, "[CODE] message", which a submit carries in its error details. */
    private static Optional<String> refusal(final GatewayException e) {
        return texts(e).stream().map(FabricLedger::coded).flatMap(Optional::stream).findFirst();
    }

    /** Whether this organisation's peer refused it, or the error does not say which peer did. */
    private boolean refusedHere(final GatewayException e) {
        return e.getDetails().isEmpty() || e.getDetails().stream().anyMatch(detail -> mspId.equals(detail.getMspId())
                && coded(detail.getMessage()).isPresent());
    }

    /** The "[CODE] message" in a text, if it holds one. */
    private static Optional<String> coded(final String text) {
        final int start = text == null ? -1 : text.indexOf('[');
        return start >= 0 && CODE.matcher(text.substring(start)).matches()
                ? Optional.of(text.substring(start)) : Optional.empty();
    }

    private static List<String> texts(final GatewayException e) {
        final List<String> texts = new ArrayList<>();
        e.getDetails().forEach(detail -> texts.add(detail.getMessage()));
        texts.add(String.valueOf(e.getMessage()));
        return texts;
    }

    private static String details(final GatewayException e) {
        if (e == null) {
            return "";
        }
        final StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        e.getDetails().forEach(detail -> text.append("; ").append(detail.getMspId()).append(" (")
                .append(detail.getAddress()).append("): ").append(detail.getMessage()));
        return text.toString();
    }

    private void requireFollowing() {
        if (followerFailure != null) {
            throw new IllegalStateException("the local copy stopped following the peer", followerFailure);
        }
        if (closed) {
            throw new IllegalStateException("the ledger is closed");
        }
    }

    private static void pause(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ building

    /** How a Fabric ledger is set up. */
    public static final class Builder extends LedgerBuilder<Builder> {
        private final ManagedChannel peer;
        private final List<String> partners = new ArrayList<>();
        private String mspId;
        private Caller follower;
        private Clock clock = Clock.systemUTC();
        private Duration localCopyWait = Duration.ofSeconds(30);

        private Builder(final OrderedStore store, final Chaincode chaincode, final ManagedChannel peer) {
            super(store, chaincode);
            this.peer = Objects.requireNonNull(peer, "peer");
        }

        /**
         * The organisation, and the member whose identity follows the peer's block events.
         *
         * @param member a member of the organisation whose peer this is
         */
        public Builder organisation(final Caller member) {
            this.follower = Objects.requireNonNull(member, "member");
            this.mspId = member.mspId();
            return this;
        }

        /**
         * The other organisations that may endorse with this one, tried in turn (the policy needs two of the five).
         */
        public Builder endorsingPartners(final String... mspIds) {
            partners.addAll(Arrays.asList(mspIds));
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** How long a submit waits for the local copy to reach its block (default 30 s). */
        public Builder localCopyWait(final Duration wait) {
            this.localCopyWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /**
         * Connects, and starts following the peer from the local copy's height.
         *
         * @throws IllegalStateException if no organisation or endorsing partner was given
         */
        public FabricLedger open() {
            if (follower == null) {
                throw new IllegalStateException("a Fabric ledger needs its organisation's member (organisation)");
            }
            if (partners.isEmpty()) {
                throw new IllegalStateException("a Fabric ledger needs at least one endorsing partner organisation");
            }
            return new FabricLedger(this);
        }
    }
}
